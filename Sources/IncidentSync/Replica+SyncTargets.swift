import Foundation
import IncidentStore

extension Replica {
    /// The places a sync goes to: the remote named `target`, the folder or URL it is, or
    /// (`nil`) every remote. `insecureHTTP` allows plain HTTP off loopback for all of them;
    /// `caFile` is the CA for those whose remote names none.
    ///
    /// - Throws: `SyncError.noRemotes` with no target and no remote; `.unknownRemote` for a
    ///   target that is no remote, URL, path or existing folder.
    public func syncTargets(_ target: String?, insecureHTTP: Bool, caFile: String?) throws -> [Remote] {
        func adjusted(_ remote: Remote) -> Remote {
            var remote = remote
            remote.insecureHTTP = remote.insecureHTTP || insecureHTTP
            remote.caFile = remote.caFile ?? caFile
            return remote
        }
        let remotes = try self.remotes()
        guard let target else {
            guard !remotes.isEmpty else { throw SyncError.noRemotes }
            return remotes.map(adjusted)
        }
        if let remote = remotes.first(where: { $0.name == target }) { return [adjusted(remote)] }
        let remote = Remote(name: target, location: target, tokenFile: nil, caFile: caFile, insecureHTTP: insecureHTTP)
        guard remote.isHTTP || target.contains("/") || FileManager.default.fileExists(atPath: target) else {
            throw SyncError.unknownRemote(target)
        }
        return [remote]
    }
}

extension Remote {
    /// Whether this remote is `incident serve` at an http(s) URL, not a folder.
    public var isHTTP: Bool { location.hasPrefix("http://") || location.hasPrefix("https://") }

    /// The bearer token to send: the remote's token file, else `$INCIDENT_TOKEN`.
    public func token() throws -> String? {
        try tokenFile.map(TokenFile.read) ?? ProcessInfo.processInfo.environment["INCIDENT_TOKEN"]
    }
}
