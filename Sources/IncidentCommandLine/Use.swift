import ArgumentParser
import IncidentStore

/// `incident use ID`: sets the current incident.
struct Use: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "use", abstract: "Make an incident the current one.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The incident: any unique prefix of its id.")
    var id: String

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.resolveIncident(id)
        try replica.use(incident)
        let shown = try replica.incident(incident)
        Output.say("now on \(try replica.shortIncidentIDs().prefix(ofHex: incident.rawValue))  \(shown.title)")
    }
}
