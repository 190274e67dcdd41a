import GRDB
import IncidentCore

/// Updates the runbook's lists (`items`, `item_values`, `removed_items`, `alarms`) for
/// one op. Every step is order-independent: a value or a removal may arrive before
/// its item's add, and a value lands only if its clock is greater than the one held
/// (last writer wins), so any order of arrival leaves the same rows.
struct ListMaterializer {
    let db: Database
    let keys: Keys

    /// An item's add: its row, and the first writes of its text and detail.
    func add(_ body: AddItem, by operation: Operation, to incident: Int64) throws {
        let hlc = operation.hlc
        try SQLiteStatement(
            db,
            """
            INSERT OR IGNORE INTO items (incident, item, list, after, wall, counter, replica, author)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).bind(
            incident, body.item.bytes, StoredCodes.code(of: body.list), body.after?.bytes, hlc.wall,
            Int64(hlc.counter), hlc.replica.bytes, try keys.author(operation.author)
        ).run()
        try set(.text, of: body.item, to: body.text, at: hlc, in: incident)
        if body.list != .note { try set(.owner, of: body.item, to: body.detail, at: hlc, in: incident) }
    }

    /// One write to an item's register: kept if its clock is the greatest yet.
    func set(_ field: ItemField, of item: ItemID, to value: String, at hlc: HybridTimestamp, in incident: Int64)
        throws
    {
        try SQLiteStatement(
            db,
            """
            INSERT INTO item_values (incident, item, field, value, wall, counter, replica) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (incident, item, field) DO UPDATE
            SET value = excluded.value, wall = excluded.wall, counter = excluded.counter, replica = excluded.replica
            WHERE (excluded.wall, excluded.counter, excluded.replica)
                > (item_values.wall, item_values.counter, item_values.replica)
            """
        ).bind(
            incident, item.bytes, StoredCodes.code(of: field), value, hlc.wall, Int64(hlc.counter), hlc.replica.bytes
        ).run()
    }

    /// A tombstone: the item is gone from its list whatever arrives later.
    func remove(_ item: ItemID, from incident: Int64) throws {
        try SQLiteStatement(db, "INSERT OR IGNORE INTO removed_items (incident, item) VALUES (?, ?)")
            .bind(incident, item.bytes).run()
    }

    /// An alarm's state: kept if its clock is the greatest yet for that name.
    func set(_ body: SetAlarm, by operation: Operation, in incident: Int64) throws {
        let hlc = operation.hlc
        try SQLiteStatement(
            db,
            """
            INSERT INTO alarms (incident, name, silenced, until, author, wall, counter, replica)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (incident, name) DO UPDATE
            SET silenced = excluded.silenced, until = excluded.until, author = excluded.author,
                wall = excluded.wall, counter = excluded.counter, replica = excluded.replica
            WHERE (excluded.wall, excluded.counter, excluded.replica) > (alarms.wall, alarms.counter, alarms.replica)
            """
        ).bind(
            incident, body.name, body.silenced ? 1 : 0, body.until, try keys.author(operation.author), hlc.wall,
            Int64(hlc.counter), hlc.replica.bytes
        ).run()
    }
}
