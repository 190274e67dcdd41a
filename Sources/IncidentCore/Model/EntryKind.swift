/// What a timeline entry records: something that happened, or an update posted to people.
///
/// `incident due` counts the runbook's update cadence from the last `update`.
public enum EntryKind: String, CaseIterable, Codable, Sendable {
    case event
    case update

    /// Parses `event` or `update`, or throws `CoreError.badEntryKind`.
    public init(parsing text: String) throws(CoreError) {
        guard let kind = EntryKind(rawValue: text.lowercased()) else { throw .badEntryKind(text) }
        self = kind
    }
}
