import ArgumentParser
import IncidentCore
import IncidentStore

extension TeamCommand {
    /// `incident team [list]`: each member (name, fingerprint, admitted by whom, when), the
    /// removed ones after, and the replicas whose ops wait for an admit.
    struct ListMembers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the team's members, and the replicas waiting to be admitted.",
            discussion: "Example: incident team")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let replica = try global.openForReading()
            guard let roster = try replica.team() else {
                Output.say(
                    "no team yet: this replica applies every op whose signature verifies; "
                        + "`incident team admit FINGERPRINT --name NAME` founds one")
                return
            }
            for line in Self.lines(of: roster, waiting: try replica.waitingForAdmission()) { Output.say(line) }
        }

        /// The listing, one line a member, then the removed, then the waiting.
        static func lines(of roster: TeamRoster, waiting: [WaitingReplica]) -> [String] {
            func name(_ id: ReplicaID) -> String {
                roster.members[id].map { $0.name.visibleOnTerminal } ?? roster.fingerprint(of: id).description
            }
            var lines: [String] = []
            if roster.members.isEmpty {
                lines.append(
                    "the team founded by \(KeyFingerprint(replicaID: roster.founder)): none of its roster held yet; "
                        + "a sync with a member fetches it")
            }
            let members = roster.members.values.sorted {
                ($0.isRemoved ? 1 : 0, $0.name, $0.id) < ($1.isRemoved ? 1 : 0, $1.name, $1.id)
            }
            for member in members {
                let fingerprint = roster.fingerprint(of: member.id)
                let when = Output.dateTime(member.admittedAt.wall)
                let admitted =
                    if let predecessor = member.succeeds {
                        "a copy of \(name(predecessor))'s replica file (\(roster.fingerprint(of: predecessor))), "
                            + "in its place by its key's signature \(when)"
                    } else if member.admittedBy == member.id && member.id == roster.founder {
                        "founded the team \(when)"
                    } else {
                        "admitted by \(name(member.admittedBy)) \(when)"
                    }
                var line = "\(member.name.visibleOnTerminal)  \(fingerprint)  \(admitted)"
                if let through = member.removedThrough, let remover = member.removedBy {
                    line += "; removed by \(name(remover)) after its op \(through)"
                    if member.contested { line += " (a removal wins over an admit made at once)" }
                }
                lines.append(line)
            }
            for replica in waiting {
                let fingerprint = replica.fingerprint
                let why = replica.removed ? "written after its removal" : "not admitted"
                lines.append(
                    "waiting: \(replica.operations) ops of \(fingerprint) (writes as "
                        + "'\(replica.claimedName.visibleOnTerminal)'), \(why)")
            }
            return lines
        }
    }
}
