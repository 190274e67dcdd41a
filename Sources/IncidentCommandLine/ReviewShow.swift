import ArgumentParser
import IncidentCore
import IncidentStore

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
