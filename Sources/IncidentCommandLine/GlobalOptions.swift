import ArgumentParser
import Foundation
import IncidentStore

/// Options every command takes: where the replica is.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The replica file (default: $INCIDENT_DB, else $XDG_DATA_HOME/incident/replica.sqlite).")
    var db: String?

    /// An empty `--db` (what `--db "$DB"` gives when DB is unset) would open a throw-away
    /// temporary database: refused.
    func validate() throws {
        if db?.isEmpty == true {
            throw ValidationError("--db is empty (an unset variable?): give the replica file's path")
        }
    }

    /// Lets `--db PATH` come before the command too (`incident --db x.sqlite list`), as a
    /// global option: every command declares it, so it is moved behind the command's words.
    static func movingLeadingDatabaseOption(_ arguments: ArraySlice<String>) -> [String] {
        var rest = Array(arguments)
        var moved: [String] = []
        while let first = rest.first, first == "--db" || first.hasPrefix("--db=") {
            let count = first == "--db" ? min(2, rest.count) : 1
            moved += rest.prefix(count)
            rest.removeFirst(count)
        }
        return rest + moved
    }

    /// The replica path: `--db`, `$INCIDENT_DB`, or the XDG data folder.
    var path: String { Self.replicaPath(given: db) }

    /// The replica path for a `--db` given or not.
    static func replicaPath(given db: String?) -> String {
        if let db { return db }
        if let path = Self.environment("INCIDENT_DB") { return path }
        // $HOME first: Foundation's NSHomeDirectory() reads the password database on Linux.
        let home = Self.environment("HOME") ?? NSHomeDirectory()
        let dataHome = Self.environment("XDG_DATA_HOME") ?? (home as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("incident/replica.sqlite")
    }

    /// A variable of the environment, nil when unset or empty. (One `getenv`: ProcessInfo
    /// copies the whole environment into a dictionary, a tenth of a millisecond per command.)
    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    /// Opens the replica for reading; where there is no file yet, an empty one in
    /// memory, so a read on a fresh machine creates nothing.
    func openForReading() throws -> Replica {
        try Replica.openExisting(path: path)
    }

    /// Opens the replica file, creating it if needed (and its folder, at the default path).
    func open() throws -> Replica {
        try Replica.open(path: path, creatingFolder: createsFolder)
    }

    /// Runs `body` on the replica; where there is none yet, on a new one that takes its
    /// place only if `body` succeeds (`ProvisionalReplica`): a first `bundle apply` or
    /// `sync` that fails leaves nothing behind.
    func withReplicaMadeOnSuccess<T>(_ body: (Replica) throws -> T) throws -> T {
        guard !FileManager.default.fileExists(atPath: path) else { return try body(openForWriting()) }
        let provisional = try ProvisionalReplica(
            for: path, creatingFolder: createsFolder, defaultName: DefaultName.lookUp)
        let result: T
        do {
            result = try body(provisional.replica)
        } catch {
            provisional.discard()
            throw error
        }
        return try provisional.commit() ? result : body(openForWriting())
    }

    /// `withReplicaMadeOnSuccess(_:)` for a body that awaits (a sync over HTTP).
    func withReplicaMadeOnSuccessAsync<T>(_ body: (Replica) async throws -> T) async throws -> T {
        guard !FileManager.default.fileExists(atPath: path) else { return try await body(openForWriting()) }
        let provisional = try ProvisionalReplica(
            for: path, creatingFolder: createsFolder, defaultName: DefaultName.lookUp)
        let result: T
        do {
            result = try await body(provisional.replica)
        } catch {
            provisional.discard()
            throw error
        }
        return try provisional.commit() ? result : await body(openForWriting())
    }

    /// Whether opening makes the replica's folder: only at the default path.
    private var createsFolder: Bool { db == nil && Self.environment("INCIDENT_DB") == nil }

    /// Opens the replica to record on an incident it holds: where there is no replica
    /// file yet there is no incident either, so the command fails creating nothing.
    func openForRecordingOnIncident() throws -> Replica {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noCurrentIncident }
        return try openForWriting()
    }

    /// Opens the replica for recording, naming it on first use (`git config user.name`,
    /// else `$USER`).
    func openForWriting() throws -> Replica {
        let replica = try open()
        _ = try replica.ensureIdentity(defaultName: DefaultName.lookUp)
        return replica
    }
}

/// The name a replica takes when the first write makes it without `init --name`.
enum DefaultName {
    static func lookUp() -> String {
        if let name = gitUserName(), !name.isEmpty { return name }
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? "maintainer"
    }

    private static func gitUserName() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "config", "user.name"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// `-i/--incident`: which incident, else the current one.
struct IncidentOption: ParsableArguments {
    @Option(
        name: [.short, .long], help: "The incident (a unique id prefix); default: the current one.",
        completion: Completions.incidents)
    var incident: String?
}
