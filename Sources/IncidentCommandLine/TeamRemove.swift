import ArgumentParser
import IncidentCore
import IncidentStore

extension TeamCommand {
    /// `incident team remove NAME-or-FINGERPRINT`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a member: its ops beyond the last one held here are refused wherever this reaches.",
            discussion: """
                Its ops held here stay, and show under its name. A removal and an admit of one member made \
                at once: the removal wins.
                Example: incident team remove alice
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The member's name, or its fingerprint.") var member: String

        func run() throws {
            let replica = try global.open()
            let id = try replica.member(named: member)
            try replica.removeMember(id)
            let fingerprint = try replica.team()?.fingerprint(of: id) ?? KeyFingerprint(replicaID: id)
            Output.say("removed \(member.visibleOnTerminal)  \(fingerprint)")
        }
    }
}
