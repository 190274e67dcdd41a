import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident review why TEXT [--number N]`: the next why not answered, or why N.
struct ReviewWhy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why", abstract: "Answer the next of the 5 whys, or why N.",
        discussion: """
            Examples:
              incident review why the deploy skipped the canary
              incident review why --number 2 the canary check was off since March
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Option(name: .long, help: "Which why, 1 to 5; default: the first not answered.")
    var number: Int?

    @Argument(help: "The answer (no quotes needed).")
    var text: [String]

    func validate() throws {
        if let number, Postmortem.whyField(number) == nil { throw ValidationError("--number is 1 to 5") }
    }

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let id = try replica.resolveIncident(target.incident)
        let whys = try replica.incidentWithoutTimeline(id).postmortem.whys
        guard let number = number ?? whys.firstIndex(where: { ($0 ?? "").isEmpty }).map({ $0 + 1 }),
            let field = Postmortem.whyField(number)
        else { throw StoreError.allWhysAnswered }
        try replica.set(field, to: text.joined(separator: " "), of: id)
        Output.say("why \(number) set")
    }
}
