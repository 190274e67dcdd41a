import IncidentCore
import IncidentStore
import IncidentSync

extension ApplyReport {
    /// `3 applied, 0 already held`, and what waits or conflicts, as `bundle apply` says it.
    var sentence: String {
        var parts = ["\(applied) applied", "\(duplicates) already held"]
        if deferred > 0 { parts.append("\(deferred) waiting for earlier ops") }
        if stampedAhead > 0 {
            parts.append(
                "\(stampedAhead) stamped over a day ahead of this machine's clock (shown as such; "
                    + "the writer's clock is wrong)")
        }
        if conflicts > 0 { parts.append("\(conflicts) left a conflict (see `incident show`)") }
        return parts.joined(separator: ", ") + (healed.map { "\n" + $0.sentence } ?? "") + movedSentence
            + otherHistoriesSentence + teamSentence
    }

    /// The lines that say this replica joined a team, took ops back for its roster, or
    /// holds ops the roster does not let apply (one a replica, with the command that
    /// admits it), or nothing.
    var teamSentence: String {
        var text = ""
        if let joined {
            text +=
                "\njoined the team founded by \(KeyFingerprint(replicaID: joined)): check the fingerprints "
                + "`incident team` lists against the ones your team shares"
        }
        if takenBack > 0 {
            text +=
                "\ntook back \(takenBack) ops the team's roster does not let apply (a removed member's, or a "
                + "replica's no member admitted): they wait, kept"
        }
        for replica in waiting {
            let fingerprint = replica.fingerprint
            text +=
                "\nwaiting: \(replica.operations) ops of replica \(fingerprint), written as "
                + "'\(replica.claimedName.visibleOnTerminal)', "
                + (replica.removed
                    ? "after a member removed it from the team: refused while it stays removed"
                    : (replica.unsigned
                        ? "unsigned (a replica not yet upgraded to keys, or a copy's history) and not admitted: "
                        : "whose key no member admitted: ")
                        + "`incident team admit '\(fingerprint)' --name NAME` admits it")
        }
        return text
    }

    /// The line that says ops signed over another history were left out, or nothing.
    var otherHistoriesSentence: String {
        guard !otherHistories.isEmpty else { return "" }
        let replicas = otherHistories.map { String($0.rawValue.prefix(8)) }.sorted().joined(separator: ", ")
        return "\nleft out ops of replica \(replicas): signed by its key over another history than the one held "
            + "here (changed on the way, or written by a copy of its file); a sync that carries its whole history "
            + "places a copy's"
    }

    /// The line that says ops of a copied replica file moved to an id of their own, or nothing.
    var movedSentence: String {
        guard moved > healed.map({ $0.remade }) ?? 0 else { return "" }
        let replicas = diverging.map { String($0.rawValue.prefix(8)) }.sorted().joined(separator: ", ")
        return "\nmoved \(moved) \(moved == 1 ? "op" : "ops") of replica \(replicas) to an id of their own: a copy of "
            + "that replica's file made them after other ops under the same seqs; nothing is lost "
            + "(see `incident doctor`)"
    }
}

extension Healing {
    /// What a copy that healed itself says, in one line.
    var sentence: String {
        "this replica file was a copy of another (a restored backup, a cloned machine): it took the other's ops "
            + "from seq \(from) on, and its \(remade) own since go on under the new id \(new.rawValue.prefix(8)); "
            + "nothing is lost"
    }
}

extension SyncReport {
    /// `received 3 new ops (0 already held), sent 1`, and what waits or was passed over, as
    /// `sync` says it for each remote.
    var sentence: String {
        var text = "received \(received.applied) new ops (\(received.duplicates) already held), sent \(sent)"
        if received.conflicts > 0 { text += ", \(received.conflicts) left a conflict: see `incident show`" }
        if received.deferred > 0 { text += ", \(received.deferred) wait for earlier ops" }
        if received.stampedAhead > 0 {
            text += ", \(received.stampedAhead) stamped over a day ahead of this machine's clock (shown as such)"
        }
        if let healed = received.healed { text += "\n" + healed.sentence }
        text += received.movedSentence + received.otherHistoriesSentence + received.teamSentence
        for (path, error) in skipped { text += "\nskipped \(path): \(error.description)" }
        return text
    }
}
