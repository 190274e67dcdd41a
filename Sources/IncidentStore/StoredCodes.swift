import IncidentCore

/// The numbers the replica file stores for closed sets of names (op kinds, register
/// fields, entry kinds). Part of the file format: a number is never reused.
enum StoredCodes {
    static func code(of kind: OperationKind) -> Int64 {
        switch kind {
        case .createIncident: return 1
        case .setField: return 2
        case .addEntry: return 3
        case .editEntry: return 4
        case .redactEntry: return 5
        }
    }

    static func operationKind(_ code: Int64) throws -> OperationKind {
        switch code {
        case 1: return .createIncident
        case 2: return .setField
        case 3: return .addEntry
        case 4: return .editEntry
        case 5: return .redactEntry
        default: throw CoreError.malformedOperation("unknown stored op kind \(code)")
        }
    }

    /// The register of a timeline entry's text.
    static let entryText: Int64 = 0

    static func code(of field: IncidentField) -> Int64 {
        switch field {
        case .title: return 1
        case .severity: return 2
        case .status: return 3
        case .lead: return 4
        case .mitigation: return 5
        case .solution: return 6
        }
    }

    /// The incident field of a register code, `nil` for an entry's text.
    static func field(_ code: Int64) throws -> IncidentField? {
        if code == entryText { return nil }
        guard let field = IncidentField.allCases.first(where: { Self.code(of: $0) == code }) else {
            throw CoreError.malformedOperation("unknown stored field \(code)")
        }
        return field
    }

    static func code(of kind: EntryKind) -> Int64 {
        switch kind {
        case .event: return 0
        case .update: return 1
        }
    }

    static func entryKind(_ code: Int64) throws -> EntryKind {
        switch code {
        case 0: return .event
        case 1: return .update
        default: throw CoreError.malformedOperation("unknown stored entry kind \(code)")
        }
    }
}
