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

    /// The remotes this run syncs with (`Replica.syncTargets`), with `INCIDENT_CA_FILE` for
    /// hubs whose remote names no CA.
    private func targets(in replica: Replica) throws -> [Remote] {
        let caFile = ProcessInfo.processInfo.environment["INCIDENT_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let targets = try replica.syncTargets(target, insecureHTTP: insecureHTTP, caFile: caFile)
        if let caFile, targets.contains(where: \.isHTTP) { try CAFile.check(caFile) }
        return targets
    }
}
