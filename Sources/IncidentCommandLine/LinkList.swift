import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident link list`.
struct LinkList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the links, numbered from 1.", discussion: "Example: incident link list")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.incidentWithoutTimeline(try replica.resolveIncident(target.incident))
        guard !incident.links.isEmpty else {
            Output.warn("no links yet: `incident link add URL` adds one")
            return
        }
        for (index, link) in incident.links.enumerated() {
            Output.say("\(index + 1)  \(link.kind.rawValue)  \(link.url)")
        }
    }
}
