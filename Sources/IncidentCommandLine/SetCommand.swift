import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident set FIELD VALUE`: title, severity or lead; settles a conflict on that field.
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set the title, severity or lead (settles a conflict on that field).",
        discussion: "Example: incident set lead bob")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "title, severity or lead.", completion: Completions.settableFields)
    var field: String

    @Argument(help: "The new value.")
    var value: [String]

    private var parsedField = IncidentField.title

    mutating func validate() throws {
        try ValidationError.parsing {
            parsedField = try IncidentField(settable: field)
            _ = try parsedField.validate(value.joined(separator: " "))
        }
    }

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let changed = try replica.set(parsedField, to: value.joined(separator: " "), of: incident)
        let shown = try replica.incidentWithoutTimeline(incident)
        let current: String
        switch parsedField {
        case .title: current = shown.title
        case .severity: current = "\(shown.severity.rawValue)"
        default: current = shown.lead ?? "(none)"
        }
        Output.say("\(parsedField.rawValue): \(current)\(changed ? "" : " (unchanged)")")
    }
}
