import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident status [STATUS [-m TEXT]]`: moves the incident along the runbook, or (no
/// STATUS) says where it is.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Set the status: reported, stabilized (-m mitigation), investigating, resolved (-m solution), reviewed.",
        discussion: "Example: incident status stabilized -m \"failed over to the replica\"")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(
        help: "reported, stabilized, investigating, resolved or reviewed; none to show the status.",
        completion: Completions.statuses)
    var status: String?

    @Option(name: .shortAndLong, help: "The summary: mitigation for stabilized, solution for resolved (both required).")
    var message: String?

    private var parsedStatus = IncidentStatus.reported

    mutating func validate() throws {
        guard let status else {
            guard message == nil else { throw ValidationError("-m goes with a STATUS") }
            return
        }
        try ValidationError.parsing {
            parsedStatus = try IncidentStatus(parsing: status)
        }
        // A missing summary is a usage error (exit 2), like any other missing argument.
        if let field = parsedStatus.requiredSummary, message?.trimmingWhitespace().isEmpty ?? true {
            throw ValidationError(StoreError.summaryRequired(parsedStatus, field).description)
        }
    }

    func run() throws {
        guard status != nil else {
            let replica = try global.openForReading()
            let incident = try replica.incidentWithoutTimeline(try replica.resolveIncident(target.incident))
            let short = try replica.shortIncidentIDs().prefix(ofHex: incident.id.rawValue)
            var line = "\(short)  \(incident.title): \(incident.status.rawValue)"
            if let mitigation = incident.mitigation { line += "; mitigation: \(mitigation)" }
            if let solution = incident.solution { line += "; solution: \(solution)" }
            if incident.conflicts.contains(where: { $0.field == IncidentField.status.rawValue }) {
                line += " (CONFLICT: `incident show`)"
            }
            Output.say(line)
            return
        }
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.setStatus(parsedStatus, summary: message, of: incident)
        Output.say("status: \(parsedStatus.rawValue)")
        if parsedStatus == .resolved || parsedStatus == .reviewed {
            remind(of: try replica.incidentWithoutTimeline(incident))
        }
    }

    /// What the runbook asks next, on standard error: at `resolved`, the alarms still
    /// silenced and the posts to update; at `reviewed`, what a postmortem would still need.
    /// (The caller reads the incident again only for these two.)
    private func remind(of incident: Incident) {
        switch parsedStatus {
        case .resolved:
            for alarm in incident.alarms where alarm.silenced {
                Output.warn(
                    "alarm \(alarm.name) is still silenced (by \(alarm.author)): enable it, then "
                        + "`incident alarm enable \(alarm.name)`")
            }
            for link in incident.links where link.kind == .post {
                Output.warn("update the post so it says resolved: \(link.url)")
            }
        case .reviewed:
            let missing = incident.postmortem.missing(actionItems: incident.actions.count)
            if !missing.isEmpty {
                Output.warn(
                    "reviewed without a full postmortem (not every incident needs one); it would still need "
                        + missing.joined(separator: "; "))
            }
        case .reported, .stabilized, .investigating:
            break
        }
    }
}
