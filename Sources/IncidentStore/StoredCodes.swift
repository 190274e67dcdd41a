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
        case .addItem: return 6
        case .setItem: return 7
        case .removeItem: return 8
        case .setAlarm: return 9
        case .redactItem: return 10
        case .moveEntry: return 11
        case .admitMember: return 12
        case .removeMember: return 13
        case .succeedMember: return 14
        }
    }

    static func operationKind(_ code: Int64) throws -> OperationKind {
        switch code {
        case 1: return .createIncident
        case 2: return .setField
        case 3: return .addEntry
        case 4: return .editEntry
        case 5: return .redactEntry
        case 6: return .addItem
        case 7: return .setItem
        case 8: return .removeItem
        case 9: return .setAlarm
        case 10: return .redactItem
        case 11: return .moveEntry
        case 12: return .admitMember
        case 13: return .removeMember
        case 14: return .succeedMember
        default: throw CoreError.malformedOperation("unknown stored op kind \(code)")
        }
    }

    /// The register of a timeline entry's text. An entry's registers take 0 and below,
    /// an incident's fields 1 and up.
    static let entryText: Int64 = 0

    /// The register of a timeline entry's event time, which its moves write.
    static let entryTime: Int64 = -1

    /// The name a register goes by in a conflict: the incident field's, `text` or `at`.
    static func registerName(_ code: Int64) throws -> String {
        switch code {
        case entryText: return "text"
        case entryTime: return "at"
        default: return try field(code)?.rawValue ?? "text"
        }
    }

    static func code(of field: IncidentField) -> Int64 {
        switch field {
        case .title: return 1
        case .severity: return 2
        case .status: return 3
        case .lead: return 4
        case .mitigation: return 5
        case .solution: return 6
        case .summary: return 7
        case .why1: return 8
        case .why2: return 9
        case .why3: return 10
        case .why4: return 11
        case .why5: return 12
        }
    }

    /// The incident field of a register code, `nil` for an entry's text or time.
    static func field(_ code: Int64) throws -> IncidentField? {
        if code <= entryText { return nil }
        guard let field = IncidentField.allCases.first(where: { Self.code(of: $0) == code }) else {
            throw CoreError.malformedOperation("unknown stored field \(code)")
        }
        return field
    }

    static func code(of list: ItemList) -> Int64 {
        switch list {
        case .note: return 1
        case .link: return 2
        case .action: return 3
        }
    }

    static func itemList(_ code: Int64) throws -> ItemList {
        guard let list = ItemList.allCases.first(where: { Self.code(of: $0) == code }) else {
            throw CoreError.malformedOperation("unknown stored list \(code)")
        }
        return list
    }

    /// An item's register; a link's kind is kept as its `owner`'s code, its detail.
    static func code(of field: ItemField) -> Int64 {
        switch field {
        case .text: return 1
        case .owner: return 2
        case .done: return 3
        }
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
