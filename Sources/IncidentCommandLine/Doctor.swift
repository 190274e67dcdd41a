import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident doctor`: integrity, the materialized state against a replay, clock skew,
/// ops waiting, and what each remote's last sync did.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the replica: integrity, its key, state against the log, clocks, ops waiting, signing, syncs.",
        discussion: """
            Changes nothing. Exits 1 when the file is damaged or its state differs from its log.

            Example: incident doctor
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let replica = try global.openForReading()
        let report = try replica.checkHealth()
        let now = replica.now()
        Output.say("replica: \(global.path)")
        Output.say("integrity: \(report.integrity.prefix(10).joined(separator: "; "))")
        if let key = try replica.key() {
            let exposure = replica.keyExposure().map {
                "others may read the file (mode \(String($0, radix: 8))), and it holds the private key: "
                    + "`chmod 600 \(global.path)`; until then nothing can be recorded"
            }
            Output.say("key: \(key.fingerprint); " + (exposure ?? "only this file's owner may read it"))
        }
        Output.say(
            report.replayDifferences == 0
                ? "state: matches a replay of the log"
                : "state: \(report.replayDifferences) rows differ from a replay of the log")
        if report.stampedAheadCount == 0 {
            Output.say("clocks: no op stamped ahead of this machine's clock")
        } else {
            Output.say(
                "clocks: \(report.stampedAheadCount) \(report.stampedAheadCount == 1 ? "op is" : "ops are") stamped "
                    + "ahead of this machine's clock, shown as such: "
                    + "check this machine's clock, and the clock of each replica that made them")
            for ahead in report.stampedAhead {
                Output.say(
                    "ahead: op \(ahead.operation.seq) of replica \(ahead.operation.replica.rawValue.prefix(8)) by "
                        + "\(ahead.author) on incident \(ahead.incident.rawValue.prefix(8)), "
                        + "\(TimeSpan.words(milliseconds: ahead.ahead)) ahead")
            }
        }
        if report.waitingForEarlier.isEmpty {
            Output.say("waiting: no op waits for earlier ops")
        }
        for waiting in report.waitingForEarlier {
            Output.say(
                "waiting: \(waiting.waiting) ops of replica \(waiting.replica.rawValue.prefix(8)) wait for its op "
                    + "\(waiting.firstMissing): sync with a replica that has it")
        }
        if let team = report.team {
            let founder = team.members[team.founder]?.name ?? KeyFingerprint(replicaID: team.founder).description
            let count = team.current.count
            Output.say(
                "team: \(count) \(count == 1 ? "member" : "members"), founded by \(founder.visibleOnTerminal); "
                    + "\(team.members.count - count) removed (`incident team` lists them)")
        } else {
            Output.say("team: none yet; this replica applies every op whose signature verifies")
        }
        for waiting in report.waitingForAdmission {
            let fingerprint = waiting.fingerprint
            Output.say(
                "admission: \(waiting.operations) ops of replica \(fingerprint), written as "
                    + "'\(waiting.claimedName.visibleOnTerminal)', wait "
                    + (waiting.removed
                        ? "beyond its removal from the team"
                        : "for a member to admit it: `incident team admit '\(fingerprint)' --name NAME`"))
        }
        if let healed = try replica.localValue(forKey: Healing.settingKey)?.split(separator: " "), healed.count == 4,
            let at = Int64(healed[3])
        {
            Output.say(
                "copy: healed \(TimeSpan.words(from: at, to: now)) ago: this file was a copy of replica "
                    + "\(healed[0].prefix(8)) from its op \(healed[2]); it goes on as \(healed[1].prefix(8))")
        } else {
            Output.say("copy: never found to be a copy of another replica")
        }
        if report.movedHistories.isEmpty { Output.say("histories: no replica id here holds two") }
        for moved in report.movedHistories {
            Output.say(
                "histories: replica \(moved.move.replica.rawValue.prefix(8)) wrote two from its op \(moved.move.seq) "
                    + "(a copied replica file); the one made later goes on as replica "
                    + "\(moved.move.destination.rawValue.prefix(8)) (\(moved.held) "
                    + "\(moved.held == 1 ? "op" : "ops") here), moved \(TimeSpan.words(from: moved.at, to: now)) ago")
        }
        let own = try replica.identity()?.id
        let others = report.signing.filter { $0.replica != own }.count
        let ownStart = report.signing.first { $0.replica == own }?.chainStart
        Output.say(
            "signing: "
                + (ownStart.map { "this replica's ops are signed from its op \($0) on" }
                    ?? "this replica has signed no op yet")
                + "; \(others) other \(others == 1 ? "replica signs" : "replicas sign") here")
        if !report.neverSigned.isEmpty {
            let names = report.neverSigned.prefix(10).map { String($0.rawValue.prefix(8)) }.joined(separator: ", ")
            let count = report.neverSigned.count
            Output.say(
                "unsigned: the ops of \(count) \(count == 1 ? "replica" : "replicas") here were taken on trust "
                    + "(never seen signing: not yet upgraded, or not met signing): \(names)")
        }
        if report.remotes.isEmpty { Output.say("remotes: none") }
        for remote in report.remotes {
            Output.say("remote \(remote.name): \(Self.describe(remote.history, at: now))")
        }
        guard report.isHealthy else {
            throw CommandError(
                description: "this replica is damaged: copy the file aside, then make a new replica at another "
                    + "path (--db) and sync it from the team: what was synced before is not lost")
        }
    }

    /// `last synced 2h 5m ago: received 3, sent 1`, with the last failure if later.
    static func describe(_ history: SyncHistory, at now: Int64) -> String {
        var text =
            history.lastSuccess.map {
                "last synced \(TimeSpan.words(from: $0, to: now)) ago: received \(history.received), "
                    + "sent \(history.sent)"
            } ?? "never synced by name"
        if let error = history.lastError, let attempt = history.lastAttempt {
            text += "; last try \(TimeSpan.words(from: attempt, to: now)) ago failed: \(error)"
        }
        return text
    }
}
