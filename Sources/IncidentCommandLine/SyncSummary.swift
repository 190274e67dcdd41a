import IncidentCore
import IncidentStore
import IncidentSync

/// What a sync with several remotes did, said one remote a line as it goes: a remote that
/// fails (the hub, during an outage) is named with its error and the others still sync;
/// the command then ends with an error, so a script sees that something failed.
struct SyncSummary {
    private var failed: [String] = []
    private var done = 0

    /// Says what syncing `remote` did: `hub: received 3 new ops (0 already held), sent 1`,
    /// or `hub: failed: …` on standard error; and keeps it on `replica` for `incident doctor`
    /// when `remote` is one of its named remotes.
    mutating func record(_ remote: Remote, _ result: Result<SyncReport, any Error>, in replica: Replica) {
        done += 1
        switch result {
        case .success(let report):
            // One line each, so that the peer text in them has its control characters made visible.
            for (index, line) in report.sentence.split(separator: "\n").enumerated() {
                Output.say(index == 0 ? "\(remote.name): \(line)" : String(line))
            }
            try? replica.recordSync(with: remote.name, received: report.received.applied, sent: report.sent, error: nil)
        case .failure(let error):
            failed.append(remote.name)
            let message =
                (error as? any ActionableError)?.description ?? StoreError.explaining(error)?.description
                ?? "\(error)"
            Output.warn("\(remote.name): failed: \(message)")
            try? replica.recordSync(with: remote.name, received: 0, sent: 0, error: message)
        }
    }

    /// This summary, when some remote synced; else the error `finish()` throws, so that on a
    /// fresh machine a sync that reached nothing keeps no new replica.
    func requiringOneSynced() throws -> SyncSummary {
        if done == failed.count { try finish() }
        return self
    }

    /// - Throws: `CommandError` naming the remotes that failed, if any did.
    func finish() throws {
        guard !failed.isEmpty else { return }
        throw CommandError(
            description: "\(failed.count) of \(done) \(done == 1 ? "remote" : "remotes") failed "
                + "(\(failed.joined(separator: ", "))): see above; nothing was lost, sync again later")
    }
}
