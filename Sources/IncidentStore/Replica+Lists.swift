import GRDB
import IncidentCore

/// Links, action items and alarms: each recorded in one transaction. Links and action
/// items are named by their number in the order they were added, from 1, as
/// `link list` and `action list` print them.
extension Replica {
    /// Records a link (an issue, a status post, a thread).
    ///
    /// - Returns: its number.
    @discardableResult
    public func addLink(_ url: String, kind: LinkKind, to incident: IncidentID) throws -> Int {
        let url = try Self.singleLine(url, what: "the URL")
        return try recording { local in
            try local.append(
                .addItem(AddItem(item: .random(from: randomBits), list: .link, text: url, detail: kind.rawValue)),
                to: incident)
            return try Self.lists(of: incident, in: local).links.count
        }
    }

    /// Removes link `number`.
    public func removeLink(_ number: Int, of incident: IncidentID) throws {
        try recording { local in
            let links = try Self.lists(of: incident, in: local).links
            let link = try Self.item(number, of: links, in: .link)
            try local.append(.removeItem(RemoveItem(item: link.id)), to: incident)
        }
    }

    /// Records an action item, with an owner if given.
    ///
    /// - Returns: its number.
    @discardableResult
    public func addAction(_ text: String, owner: String? = nil, to incident: IncidentID) throws -> Int {
        let text = try Self.singleLine(text, what: "the action item")
        let owner = try owner.map { try Self.singleLine($0, what: "the owner") } ?? ""
        return try recording { local in
            try local.append(
                .addItem(AddItem(item: .random(from: randomBits), list: .action, text: text, detail: owner)),
                to: incident)
            return try Self.lists(of: incident, in: local).actions.count
        }
    }

    /// Marks action item `number` done (or not done).
    ///
    /// - Returns: the item.
    @discardableResult
    public func setActionDone(_ number: Int, done: Bool = true, of incident: IncidentID) throws -> ActionItem {
        try setAction(number, .done, to: done ? "yes" : "no", of: incident)
    }

    /// Gives action item `number` an owner (empty: nobody).
    @discardableResult
    public func setActionOwner(_ number: Int, to owner: String, of incident: IncidentID) throws -> ActionItem {
        let owner = owner.trimmingWhitespace()
        if !owner.isEmpty { _ = try Self.singleLine(owner, what: "the owner") }
        return try setAction(number, .owner, to: owner, of: incident)
    }

    /// Removes action item `number`.
    public func removeAction(_ number: Int, of incident: IncidentID) throws {
        try recording { local in
            let actions = try Self.lists(of: incident, in: local).actions
            let action = try Self.item(number, of: actions, in: .action)
            try local.append(.removeItem(RemoveItem(item: action.id)), to: incident)
        }
    }

    /// Records that alarm `name` was silenced (until `until`, if given) or enabled again.
    public func setAlarm(_ name: String, silenced: Bool, until: Int64? = nil, of incident: IncidentID) throws {
        let name = try Self.singleLine(name, what: "the alarm's name")
        try recording { local in
            _ = try local.append(.setAlarm(SetAlarm(name: name, silenced: silenced, until: until)), to: incident)
        }
    }

    private func setAction(_ number: Int, _ field: ItemField, to value: String, of incident: IncidentID) throws
        -> ActionItem
    {
        try recording { local in
            let actions = try Self.lists(of: incident, in: local).actions
            var action = try Self.item(number, of: actions, in: .action)
            try local.append(.setItem(SetItem(item: action.id, field: field, value: value)), to: incident)
            if field == .done { action.done = value == "yes" } else { action.owner = value }
            return action
        }
    }

    private static func lists(of incident: IncidentID, in local: LocalWriter) throws
        -> (links: [Link], actions: [ActionItem])
    {
        guard let key = try local.keys.existingIncident(incident) else {
            throw StoreError.unknownIncident(incident.rawValue)
        }
        let lists = try ListReader(db: local.db, keys: local.keys, names: WriterNames(in: local.db, keys: local.keys))
            .lists(of: key)
        return (lists.links[key] ?? [], lists.actions[key] ?? [])
    }

    private static func item<T>(_ number: Int, of items: [T], in list: ItemList) throws -> T {
        guard number >= 1, number <= items.count else {
            throw StoreError.noSuchItem(list, number: number, count: items.count)
        }
        return items[number - 1]
    }

    /// Text of one line, trimmed: a URL, an alarm's name, an action item, an owner.
    static func singleLine(_ text: String, what: String) throws -> String {
        let text = text.trimmingWhitespace()
        guard !text.isEmpty else { throw CoreError.emptyText(what: what) }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CoreError.controlCharacter(what: what)
        }
        return text
    }
}
