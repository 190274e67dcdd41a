import ArgumentParser
import Foundation
import IncidentStore
import IncidentSync

/// `incident sync [NAME|PATH|URL]`: two-way sync with a folder, a server, or every remote.
struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync both ways with a folder, an http(s) URL, a remote's name, or (no argument) every remote.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A remote's name, a folder, or an http(s) URL of `incident serve`.")
    var target: String?

    func run() async throws {
        let replica = try global.openForWriting()
        let remotes = try replica.remotes()
        let targets: [Remote]
        if let target {
            if let remote = remotes.first(where: { $0.name == target }) {
                targets = [remote]
            } else if target.hasPrefix("http://") || target.hasPrefix("https://") || target.contains("/")
                || FileManager.default.fileExists(atPath: target)
            {
                targets = [Remote(name: target, location: target, tokenFile: nil)]
            } else {
                throw SyncError.unknownRemote(target)
            }
        } else {
            guard !remotes.isEmpty else {
                throw CommandError(description: "no remotes yet: `incident remote add NAME URL-or-PATH`, or name one")
            }
            targets = remotes
        }
        for remote in targets {
            let bar = ProgressBar(label: remote.name)
            defer { bar.finish() }
            let report = try await Self.sync(replica, with: remote, progress: bar.update)
            bar.finish()
            print("\(remote.name): \(report)")
        }
    }

    static func sync(_ replica: Replica, with remote: Remote, progress: @escaping SyncProgress) async throws
        -> SyncReport
    {
        guard remote.location.hasPrefix("http://") || remote.location.hasPrefix("https://") else {
            return try replica.syncFolder(remote.location, progress: progress)
        }
        var token = ProcessInfo.processInfo.environment["INCIDENT_TOKEN"]
        if let file = remote.tokenFile {
            token = try TokenFile.read(file)
        }
        return try await replica.syncHTTP(url: remote.location, token: token, progress: progress)
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
