/// The incident's own fields, each a register that merges by the rule in `Register`.
public enum IncidentField: String, CaseIterable, Codable, Sendable {
    case title
    case severity
    case status
    case lead
    case mitigation
    case solution
    /// The postmortem's summary and its "5 whys".
    case summary
    case why1
    case why2
    case why3
    case why4
    case why5

    /// Whether the field belongs to the postmortem (format 2).
    public var isPostmortem: Bool {
        switch self {
        case .summary, .why1, .why2, .why3, .why4, .why5: return true
        case .title, .severity, .status, .lead, .mitigation, .solution: return false
        }
    }

    /// Fields a maintainer sets directly with `incident set`.
    public static let settable: [IncidentField] = [.title, .severity, .lead]

    /// Parses a field `incident set` accepts, or throws `CoreError.badField`.
    public init(settable text: String) throws(CoreError) {
        guard let field = IncidentField(rawValue: text.lowercased()), Self.settable.contains(field) else {
            throw .badField(text)
        }
        self = field
    }

    /// Checks a value for this field and returns it in canonical form.
    public func validate(_ value: String) throws(CoreError) -> String {
        switch self {
        case .severity:
            return String(try Severity(parsing: value).rawValue)
        case .status:
            return try IncidentStatus(parsing: value).rawValue
        case .title:
            let trimmed = value.trimmingWhitespace()
            guard !trimmed.isEmpty else { throw .emptyText(what: "the title") }
            return trimmed
        case .lead, .mitigation, .solution, .summary, .why1, .why2, .why3, .why4, .why5:
            return value.trimmingWhitespace()
        }
    }
}
