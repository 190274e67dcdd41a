// The floor every figure in README.md is held against: what SQLite itself needs to
// store N op rows, through its C API with nothing above it.
//
//     sqlite-floor insert FILE N     one transaction, WAL, a prepared statement:
//                                    N rows (16-byte blob replica, integer seq, integer
//                                    clock, short text kind, ~50-byte text body) into a
//                                    WITHOUT ROWID table keyed (replica, seq)
//     sqlite-floor incidents FILE N  N rows of an incident listing's columns
import Foundation
import GRDBSQLite

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: sqlite-floor insert|incidents FILE N\n".utf8))
    exit(2)
}

// Always a new file: a run never finds the rows of the one before.
for suffix in ["", "-wal", "-shm"] { unlink(arguments[2] + suffix) }
var connection: OpaquePointer?
guard sqlite3_open(arguments[2], &connection) == SQLITE_OK, let db = connection else { exit(1) }

func execute(_ sql: String) {
    guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
        FileHandle.standardError.write(Data("\(String(cString: sqlite3_errmsg(db)))\n".utf8))
        exit(1)
    }
}

let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
execute("PRAGMA journal_mode = WAL")
var statement: OpaquePointer?
switch arguments[1] {
case "insert":
    execute(
        """
        CREATE TABLE ops (replica BLOB NOT NULL, seq INTEGER NOT NULL, clock INTEGER NOT NULL, kind TEXT NOT NULL,
            body TEXT NOT NULL, PRIMARY KEY (replica, seq)) WITHOUT ROWID
        """)
    let replica = [UInt8](repeating: 0xab, count: 16)
    execute("BEGIN")
    sqlite3_prepare_v2(
        db, "INSERT INTO ops (replica, seq, clock, kind, body) VALUES (?, ?, ?, ?, ?)", -1, &statement, nil)
    for seq in 1...count {
        let body = "api 5xx climbing on the search cluster, line \(seq)"
        sqlite3_bind_blob(statement, 1, replica, 16, transient)
        sqlite3_bind_int64(statement, 2, Int64(seq))
        sqlite3_bind_int64(statement, 3, 1_795_874_400_000 + Int64(seq))
        sqlite3_bind_text(statement, 4, "entry.add", -1, transient)
        sqlite3_bind_text(statement, 5, body, -1, transient)
        guard sqlite3_step(statement) == SQLITE_DONE else { exit(1) }
        sqlite3_reset(statement)
    }
case "incidents":
    execute(
        """
        CREATE TABLE incidents (id BLOB PRIMARY KEY, title TEXT, severity INTEGER, status TEXT, lead TEXT,
            started_at INTEGER, reported_by TEXT)
        """)
    execute("BEGIN")
    sqlite3_prepare_v2(
        db, "INSERT INTO incidents VALUES (randomblob(16), ?, 2, 'reported', 'bob', ?, 'alice')", -1, &statement, nil)
    for index in 1...count {
        sqlite3_bind_text(statement, 1, "Search API returns 500, number \(index)", -1, transient)
        sqlite3_bind_int64(statement, 2, 1_795_874_400_000 + Int64(index))
        guard sqlite3_step(statement) == SQLITE_DONE else { exit(1) }
        sqlite3_reset(statement)
    }
default:
    exit(2)
}
sqlite3_finalize(statement)
execute("COMMIT")
sqlite3_close(db)
