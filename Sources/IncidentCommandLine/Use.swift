import ArgumentParser
import IncidentStore

/// `incident use [ID]`: sets the current incident, or (no ID) says which it is.
struct Use: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "use", abstract: "Make an incident the current one; with no ID, show which it is.",
        discussion: "Example: incident use 3f2a1b")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The incident: any unique prefix of its id.")
    var id: String?

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.resolveIncident(id)
        if id != nil { try replica.use(incident) }
        let shown = try replica.incidentWithoutTimeline(incident)
        let short = try replica.shortIncidentIDs().prefix(ofHex: incident.rawValue)
        Output.say("\(id == nil ? "current:" : "now on") \(short)  \(shown.title)  (\(shown.status.rawValue))")
    }
}
