/// Opens an incident: its first title, severity and lead, and when it started.
///
/// It is also the first write of the `title`, `severity`, `status` (`reported`)
/// and, when given, `lead` registers, so later sets name it as what they overwrite.
public struct CreateIncident: Hashable, Sendable {
    public var title: String
    public var severity: Severity
    public var lead: String?
    /// When the incident started, in milliseconds since 1970 UTC.
    public var at: Int64

    public init(title: String, severity: Severity, lead: String?, at: Int64) {
        self.title = title
        self.severity = severity
        self.lead = lead
        self.at = at
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var title: String?
        var severity: Int64?
        var lead: String?
        var at: Int64?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "title": title = try reader.readString()
            case "severity": severity = try reader.readInteger()
            case "lead": lead = try reader.readOptionalString()
            case "at": at = try reader.readInteger()
            default: try reader.skipValue()
            }
        }
        self.title = try JSONReader.required(title, "title")
        guard let severity = Severity(rawValue: Int(try JSONReader.required(severity, "severity"))) else {
            throw .malformedOperation("severity is not 1, 2 or 3")
        }
        self.severity = severity
        self.lead = lead
        self.at = try JSONReader.required(at, "at")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("at")
        writer.integer(at)
        if let lead {
            writer.key("lead")
            writer.string(lead)
        }
        writer.key("severity")
        writer.integer(severity.rawValue)
        writer.key("title")
        writer.string(title)
        writer.endObject()
    }

    /// The register writes this creation stands for.
    public var initialFields: [(IncidentField, String)] {
        var fields: [(IncidentField, String)] = [
            (.title, title), (.severity, String(severity.rawValue)), (.status, IncidentStatus.reported.rawValue),
        ]
        if let lead { fields.append((.lead, lead)) }
        return fields
    }
}
