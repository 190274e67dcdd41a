/// A register left with concurrent, different values: who set what.
public struct FieldConflict: Hashable, Sendable {
    /// The incident field, or `text` for a timeline entry's text, `at` for its event time.
    public var field: String
    /// The timeline entry whose text or time conflicts, for `text` and `at`.
    public var entry: EntryID?
    /// The competing writes, the one shown as the value first; for `at`, each value is
    /// the time in ISO 8601 UTC.
    public var candidates: [RegisterWrite]

    public init(field: String, entry: EntryID?, candidates: [RegisterWrite]) {
        self.field = field
        self.entry = entry
        self.candidates = candidates
    }
}

extension FieldConflict: Encodable {
    private enum CodingKeys: String, CodingKey { case field, entry, candidates }
    private enum CandidateKeys: String, CodingKey { case value, author, op }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(entry, forKey: .entry)
        var list = container.nestedUnkeyedContainer(forKey: .candidates)
        for candidate in candidates {
            var item = list.nestedContainer(keyedBy: CandidateKeys.self)
            try item.encode(candidate.value, forKey: .value)
            try item.encode(candidate.author, forKey: .author)
            try item.encode(candidate.operation, forKey: .op)
        }
    }
}

extension Incident {
    /// Whether its status is in conflict and one of the values is open: someone still holds
    /// it open, so the open listing shows it.
    public var isHeldOpenByAConflict: Bool {
        conflicts.contains { conflict in
            conflict.field == IncidentField.status.rawValue
                && conflict.candidates.contains { IncidentStatus(rawValue: $0.value)?.isOpen ?? false }
        }
    }
}
