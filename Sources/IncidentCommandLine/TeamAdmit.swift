import ArgumentParser
import IncidentCore
import IncidentStore

extension TeamCommand {
    /// `incident team admit FINGERPRINT --name NAME`.
    struct Admit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "admit",
            abstract: "Admit a replica by its key's fingerprint: its ops apply, under NAME, on every replica.",
            discussion: """
                Take the fingerprint from the teammate's `incident whoami`, over a channel the team trusts. \
                A replica that belongs to no team founds one: it admits itself and every replica it holds \
                ops of first.
                Example: incident team admit '3f2a 1b9c 0d4e 5f60 7182 93a4 b5c6 d7e8' --name alice
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The fingerprint (32 hex digits, spaces anywhere).") var fingerprint: String
        @Option(name: .long, help: "The name its ops show under.") var name: String

        func run() throws {
            let fingerprint = try ValidationError.fingerprint(fingerprint)
            let replica = try global.open()
            let founded = try replica.team() == nil
            try replica.admit(fingerprint.replicaID, as: name)
            if founded, let roster = try replica.team() {
                let count = roster.current.count
                Output.say("founded the team, with \(count) \(count == 1 ? "member" : "members")")
            }
            Output.say("admitted \(name.trimmingWhitespace().visibleOnTerminal)  \(fingerprint)")
        }
    }
}
