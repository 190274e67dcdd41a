import ArgumentParser

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
