import GRDB
import GRDBSQLite

/// A statement prepared once per connection and driven through SQLite's C API.
///
/// The hot paths (appending an op, reading a timeline) bind and read columns
/// directly: building GRDB argument arrays and rows cost more than SQLite itself.
/// Columns and parameters count from 0 and 1, as in SQLite.
struct SQLiteStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private let db: Database

    /// The cached statement for `sql` on `db`'s connection.
    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds the parameters in order: `Int64`, `Int`, `String`, `[UInt8]` (a blob), or
    /// an optional of one of them (`nil` binds NULL).
    @discardableResult
    func bind<each Value: SQLiteBindable>(_ values: repeat each Value) -> SQLiteStatement {
        var index: Int32 = 1
        for value in repeat each values {
            value.bind(to: handle, at: index)
            index += 1
        }
        return self
    }

    /// Runs a statement that returns no rows.
    func run() throws {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Steps to the next row: `false` when there is none (the statement is then reset).
    func next() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
        return false
    }

    /// Resets a statement whose rows were not all read.
    func finish() {
        sqlite3_reset(handle)
    }

    /// How many columns each row has.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the blob in `column`, without copying it.
    func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, column), count: count))
    }

    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql,
            arguments: nil)
    }
}

/// A value `SQLiteStatement.bind` takes.
protocol SQLiteBindable {
    func bind(to handle: OpaquePointer, at index: Int32)
}

/// SQLite copies what it is handed (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Int64: SQLiteBindable {
    func bind(to handle: OpaquePointer, at index: Int32) { sqlite3_bind_int64(handle, index, self) }
}

extension Int: SQLiteBindable {
    func bind(to handle: OpaquePointer, at index: Int32) { sqlite3_bind_int64(handle, index, Int64(self)) }
}

extension String: SQLiteBindable {
    func bind(to handle: OpaquePointer, at index: Int32) {
        var text = self
        // Empty text is bound as empty text, never as NULL (a nil pointer would bind NULL).
        _ = text.withUTF8 { utf8 in
            utf8.isEmpty
                ? sqlite3_bind_text(handle, index, "", 0, transient)
                : sqlite3_bind_text(handle, index, utf8.baseAddress, Int32(utf8.count), transient)
        }
    }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    func bind(to handle: OpaquePointer, at index: Int32) {
        if let self { self.bind(to: handle, at: index) } else { sqlite3_bind_null(handle, index) }
    }
}

extension Array: SQLiteBindable where Element == UInt8 {
    func bind(to handle: OpaquePointer, at index: Int32) {
        _ = withUnsafeBytes {
            sqlite3_bind_blob(
                handle, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), transient)
        }
    }
}
