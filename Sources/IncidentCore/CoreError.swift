/// What the core refuses, each with a message a person on call can act on.
public enum CoreError: ActionableError, Equatable, Sendable {
    case badTime(String)
    case futureTime(String)
    case badSeverity(String)
    case badStatus(String)
    case badField(String)
    case badEntryKind(String)
    case badLinkKind(String)
    case badDuration(String)
    case emptyText(what: String)
    case controlCharacter(what: String)
    case textTooLong(what: String, bytes: Int)
    case unsupportedFormat(version: Int)
    case malformedOperation(String)
    case clockExhausted
    indirect case atLine(Int, CoreError)

    public var description: String {
        switch self {
        case .badTime(let text):
            return "bad time '\(text)': use 14:05, 2026-11-28 14:05, an ISO 8601 time such as "
                + "2026-11-28T14:05:00Z, or '10m ago' / '3h ago'"
        case .futureTime(let text):
            return "time '\(text)' is in the future: a timeline records what already happened"
        case .badSeverity(let text):
            return "bad severity '\(text)': use 1 (service down), 2 (partly broken) or 3 (minor, staging)"
        case .badStatus(let text):
            return "bad status '\(text)': use one of "
                + IncidentStatus.allCases.map(\.rawValue).joined(separator: ", ")
        case .badField(let text):
            return "unknown field '\(text)': `incident set` takes title, severity or lead; "
                + "the status has its own command, `incident status STATUS`"
        case .badEntryKind(let text):
            return "bad entry kind '\(text)': use event or update"
        case .badLinkKind(let text):
            return "bad link kind '\(text)': use issue, post or thread"
        case .badDuration(let text):
            return "bad duration '\(text)': use a number and a unit, such as 30m, 2h, 1h30m or 1d"
        case .emptyText(let what):
            return "\(what) is empty: give some text"
        case .textTooLong(let what, let bytes):
            return "\(what) is \(bytes) bytes; a title, a field or an entry holds at most \(TextLimit.maximumBytes) "
                + "bytes (256 KiB), so that every sync path can carry it: nothing was written; keep long material "
                + "in a file and refer to it"
        case .controlCharacter(let what):
            return "\(what) holds a control character (such as a NUL, an escape or a newline): give it without"
        case .unsupportedFormat(let version):
            return "operation format \(version) is newer than this incident understands "
                + "(format \(Operation.formatVersion)): upgrade incident, then sync again"
        case .malformedOperation(let reason):
            return "malformed operation: \(reason)"
        case .clockExhausted:
            return "this replica's clock has reached the greatest time an op can carry, taken from an op "
                + "stamped far in the future by a peer: nothing more can be recorded here; "
                + "make a new replica and sync it from the team"
        case .atLine(let number, let error):
            return "line \(number): \(error)"
        }
    }
}
