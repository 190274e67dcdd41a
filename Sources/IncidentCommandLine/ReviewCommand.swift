import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident review [summary TEXT | why TEXT [--number N]]`: the postmortem.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "The blameless postmortem: a summary and the 5 whys; with no subcommand, what it holds and lacks.",
        discussion: """
            Not every incident gets a postmortem: `incident status reviewed` works without one.

            Examples:
              incident review summary "a provider's API change broke ingestion for 3 hours"
              incident review why "the provider changed its API without notice"
              incident export --format markdown > postmortem.md
            """,
        subcommands: [ReviewShow.self, ReviewSummary.self, ReviewWhy.self],
        defaultSubcommand: ReviewShow.self)
}

/// `incident review summary TEXT`.
struct ReviewSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary", abstract: "Set the postmortem's summary.",
        discussion: "Example: incident review summary ingestion stopped for 3 hours")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The summary (no quotes needed).")
    var text: [String]

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.set(.summary, to: text.joined(separator: " "), of: incident)
        Output.say("summary set")
    }
}

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

/// `incident review [show]`: the postmortem so far and what it lacks.
struct ReviewShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print the postmortem so far and what it still needs.",
        discussion: "Example: incident review")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.incidentWithoutTimeline(try replica.resolveIncident(target.incident))
        let postmortem = incident.postmortem
        Output.say("summary: \(postmortem.summary ?? "")")
        for (index, why) in postmortem.whys.enumerated() { Output.say("why \(index + 1): \(why ?? "")") }
        for (index, action) in incident.actions.enumerated() { Output.say(ActionList.line(action, number: index + 1)) }
        let missing = postmortem.missing(actionItems: incident.actions.count)
        if !missing.isEmpty { Output.warn("still needed: " + missing.joined(separator: "; ")) }
    }
}
