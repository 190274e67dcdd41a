import IncidentCore
import IncidentStore
import IncidentSync

/// What a sync with several remotes did, said one remote a line as it goes: a remote that
/// fails (the hub, during an outage) is named with its error and the others still sync;
/// the command then ends with an error, so a script sees that something failed.
struct SyncSummary {
    private var failed: [String] = []
    private var done = 0

    /// `hub: received 3 new ops (0 already held), sent 1`.
    mutating func synced(_ remote: Remote, _ report: SyncReport) {
        done += 1
        Output.say("\(remote.name): \(report)")
    }

    /// `hub: failed: …`, on standard error.
    mutating func failed(_ remote: Remote, _ error: any Error) {
        done += 1
        failed.append(remote.name)
        let message = (error as? any ActionableError)?.description ?? StoreError.explaining(error)?.description
        Output.warn("\(remote.name): failed: \(message ?? "\(error)")")
    }

    /// Whether some remote synced (on a fresh machine, the new replica is then kept).
    var anySynced: Bool { done > failed.count }

    /// - Throws: `CommandError` naming the remotes that failed, if any did.
    func finish() throws {
        guard !failed.isEmpty else { return }
        throw CommandError(
            description: "\(failed.count) of \(done) \(done == 1 ? "remote" : "remotes") failed "
                + "(\(failed.joined(separator: ", "))): see above; nothing was lost, sync again later")
    }
}
