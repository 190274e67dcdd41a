import Foundation
import GRDB
import IncidentCore

/// One replica: a SQLite file holding every incident's operation log and the
/// state derived from it.
///
/// A `Sendable` value over GRDB's `DatabaseWriter`; its methods are the app's
/// transactions, each one SQLite transaction, so a crash loses nothing already
/// committed and leaves nothing half-written. Files are opened in WAL mode with a
/// busy timeout, and writes take the write lock up front (`BEGIN IMMEDIATE`), so
/// several `incident` processes writing one replica at once all succeed in turn,
/// and readers in other processes are never blocked by a writer.
public struct Replica: Sendable {
    let writer: any DatabaseWriter
    /// The wall clock, in milliseconds since 1970 UTC (tests pass their own).
    public let now: @Sendable () -> Int64
    /// Where the ids of what this replica records come from (the system's generator).
    public let randomBits: RandomBits

    /// How long a write waits for another process's write before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// Told once when a command has waited a second for another process's write lock
    /// (`BusyWait`); the command line says so on stderr. Set once, before opening.
    nonisolated(unsafe) public static var onLongWait: (@Sendable () -> Void)?

    /// Opens (creating if needed) the replica file at `path`.
    ///
    /// - Parameters:
    ///   - forReading: the caller reads and writes little (`list`, `show`): SQLite's default
    ///     2 MB page cache, whose pages a long scan reuses, instead of the 32 MB a bulk write
    ///     needs; a cache filled by a scan costs a page fault a page.
    ///   - creatingFolder: make the file's folder too (the default location); a path a person
    ///     gave must name a folder that exists, so a typo is not a new replica somewhere.
    /// - Throws: `StoreError.cannotOpen` when the file cannot be opened (a folder, a missing
    ///   folder), `.notAReplica` or `.newerReplica` for a file that is not this version's.
    public static func open(
        path: String, now: @escaping @Sendable () -> Int64 = Replica.systemNow, forReading: Bool = false,
        creatingFolder: Bool = true
    ) throws -> Replica {
        do {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                throw StoreError.cannotOpen(path, reason: "it is a folder; give the path of a file in it")
            }
            let folder = FilePaths.folder(of: path)
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                guard creatingFolder else {
                    throw StoreError.cannotOpen(path, reason: "the folder '\(folder)' does not exist")
                }
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            var configuration = Configuration()
            configuration.busyMode = .callback(BusyWait.handler(notice: onLongWait))
            configuration.prepareDatabase { db in
                // SQLite's default 2 MB page cache made a bulk `log` or `apply` re-read its
                // own pages from the kernel; 32 MB keeps a large incident's working set.
                if !forReading { try db.execute(sql: "PRAGMA cache_size = -32768") }
                // Deleted and overwritten content zeroed where that costs no extra writes, so
                // a redacted text does not linger in free space.
                try db.execute(sql: "PRAGMA secure_delete = FAST")
            }
            // One connection: a command runs one transaction or a few, and opening a pool's
            // extra reader connection was a measurable part of a one-entry command.
            let existed = FileManager.default.fileExists(atPath: path)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // Checked (and migrated) first: another application's file is left as it was.
            let (replica, migrated) = try Replica.checked(writer: queue, now: now)
            // The file holds the private key: only its owner may read it, from its making on.
            if !existed || migrated { try restrictToOwner(path) }
            try queue.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            return replica
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path, reason: error.message ?? "\(error.resultCode)")
        } catch let error as CocoaError {
            throw StoreError.cannotOpen(path, reason: error.localizedDescription)
        }
    }

    /// Opens the replica file at `path` if it exists, else an empty replica in memory:
    /// reading never creates a file.
    public static func openExisting(path: String) throws -> Replica {
        FileManager.default.fileExists(atPath: path) ? try open(path: path, forReading: true) : try inMemory()
    }

    /// A replica in memory, for tests and simulations.
    public static func inMemory(
        now: @escaping @Sendable () -> Int64 = Replica.systemNow, randomBits: RandomBits = .system
    ) throws -> Replica {
        try checked(writer: DatabaseQueue(), now: now, randomBits: randomBits).0
    }

    private init(writer: any DatabaseWriter, now: @escaping @Sendable () -> Int64, randomBits: RandomBits) {
        self.writer = writer
        self.now = now
        self.randomBits = randomBits
    }

    /// The replica over `writer`, migrated to this version's tables, and whether it was
    /// migrated just now.
    ///
    /// Another application's database, or a replica a newer incident migrated past what
    /// this one knows, is refused before anything is written.
    private static func checked(
        writer: any DatabaseWriter, now: @escaping @Sendable () -> Int64, randomBits: RandomBits = .system
    ) throws -> (Replica, migrated: Bool) {
        switch try writer.read(Schema.state) {
        case .foreign: throw StoreError.notAReplica
        case .newer: throw StoreError.newerReplica
        case .current: return (Replica(writer: writer, now: now, randomBits: randomBits), false)
        case .empty, .behind:
            try Schema.migrator.migrate(writer)
            return (Replica(writer: writer, now: now, randomBits: randomBits), true)
        }
    }

    /// Closes the replica's file (checkpointing it); the replica cannot be used after.
    public func close() throws {
        try (writer as? DatabaseQueue)?.close()
    }

    /// The replica's file (`:memory:` for one in memory).
    public var path: String { writer.path }

    /// The system clock in milliseconds since 1970 UTC.
    public static let systemNow: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
