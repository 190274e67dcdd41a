import ArgumentParser
import Foundation
import IncidentStore
import IncidentSync

/// `incident sync [NAME|PATH|URL]`: two-way sync with a folder, a server, or every remote.
struct Sync: NetworkCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync both ways with a folder, an http(s) URL, a remote's name, or (no argument) every remote.",
        discussion: "Example: incident sync ~/Sync/incidents")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A remote's name, a folder, or an http(s) URL of `incident serve`.")
    var target: String?

    @Flag(name: .long, help: "Allow plain http:// off this machine: the token and every incident cross in clear.")
    var insecureHTTP = false

    func runOffline() throws {
        if try targets(in: global.openForReading()).contains(where: \.isHTTP) {
            try HubProgram.replaceThisProcess()
        }
        // On a fresh machine the replica is kept only if some remote synced.
        let summary = try global.withReplicaMadeOnSuccess { replica in
            var summary = SyncSummary()
            for remote in try targets(in: replica) {
                let bar = ProgressBar(label: remote.name)
                let result = Result { try replica.syncFolder(remote.location, progress: bar.update) }
                bar.finish()
                summary.record(remote, result, in: replica)
            }
            return try summary.requiringOneSynced()
        }
        try summary.finish()
    }

    func run(through transport: any NetworkTransport) async throws {
        let summary = try await global.withReplicaMadeOnSuccessAsync { replica in
            var summary = SyncSummary()
            for remote in try targets(in: replica) {
                let bar = ProgressBar(label: remote.name)
                let result: Result<SyncReport, any Error>
                do {
                    result = .success(
                        remote.isHTTP
                            ? try await transport.sync(
                                replica, with: remote, token: try remote.token(), progress: bar.update)
                            : try replica.syncFolder(remote.location, progress: bar.update))
                } catch {
                    result = .failure(error)
                }
                bar.finish()
                summary.record(remote, result, in: replica)
            }
            return try summary.requiringOneSynced()
        }
        try summary.finish()
    }

    /// The remotes this run syncs with: the one named, a folder or URL given, or every remote.
    private func targets(in replica: Replica) throws -> [Remote] {
        let remotes = try replica.remotes()
        guard let target else {
            guard !remotes.isEmpty else {
                throw CommandError(description: "no remotes yet: `incident remote add NAME URL-or-PATH`, or name one")
            }
            return remotes.map { remote in
                var remote = remote
                remote.insecureHTTP = remote.insecureHTTP || insecureHTTP
                remote.caFile = remote.caFile ?? Self.environmentCAFile
                return remote
            }
        }
        if var remote = remotes.first(where: { $0.name == target }) {
            remote.insecureHTTP = remote.insecureHTTP || insecureHTTP
            remote.caFile = remote.caFile ?? Self.environmentCAFile
            return [remote]
        }
        let remote = Remote(
            name: target, location: target, tokenFile: nil, caFile: Self.environmentCAFile, insecureHTTP: insecureHTTP)
        guard remote.isHTTP || target.contains("/") || FileManager.default.fileExists(atPath: target) else {
            throw SyncError.unknownRemote(target)
        }
        return [remote]
    }
}

extension Sync {
    /// `INCIDENT_CA_FILE`: the CA to trust for hubs whose remote names none.
    static var environmentCAFile: String? {
        ProcessInfo.processInfo.environment["INCIDENT_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

extension Remote {
    /// Whether this remote is `incident serve` at an http(s) URL, not a folder.
    var isHTTP: Bool { location.hasPrefix("http://") || location.hasPrefix("https://") }

    /// The bearer token to send: the remote's token file, else `$INCIDENT_TOKEN`.
    func token() throws -> String? {
        try tokenFile.map(TokenFile.read) ?? ProcessInfo.processInfo.environment["INCIDENT_TOKEN"]
    }
}

/// Reads a bearer token from a file (its first line, trimmed).
enum TokenFile {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError(description: "cannot read the token file '\(path)'")
        }
        let token = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw CommandError(description: "the token file '\(path)' is empty") }
        return trimmed
    }
}
