import Foundation
import GRDB
import IncidentCore

/// What the replica refuses, each with a message a person on call can act on.
public enum StoreError: ActionableError, Equatable, Sendable {
    case noReplica
    case cannotOpen(String, reason: String)
    case noCurrentIncident
    case unknownIncident(String)
    case ambiguousIncident(String, candidates: [String])
    case unknownEntry(String)
    case ambiguousEntry(String, candidates: [String])
    case summaryRequired(IncidentStatus, IncidentField)
    case divergentOperation(String)
    case storage(String)
    case notAReplica
    case newerReplica
    case bundleOntoReplica(String)
    case remoteExists(String, location: String)
    case entryRedacted(String)
    case noSuchItem(ItemList, number: Int, count: Int)
    case alreadyPromoted(line: Int)
    case allWhysAnswered
    case unreadableKey
    case badSignature(String, reason: String)
    case unsealedOperations(replica: String, from: Int64, through: Int64)
    case splitHistory(ReplicaID)
    case keyExposed(String, mode: Int)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the replica '\(path)' (\(reason)): check --db or $INCIDENT_DB, the file's "
                + "permissions and free space"
        case .noReplica:
            return "this replica has no name yet: run `incident init --name NAME`"
        case .noCurrentIncident:
            return "no current incident: record one with `incident new TITLE --severity N`, "
                + "pick one with `incident use ID`, or pass -i ID"
        case .unknownIncident(let reference):
            return "no incident matches '\(reference)'; `incident list --all` shows ids"
        case .ambiguousIncident(let reference, let candidates):
            return "'\(reference)' matches several incidents (\(candidates.joined(separator: ", "))): "
                + "give more characters"
        case .unknownEntry(let reference):
            return "no timeline entry of this incident matches '\(reference)'; `incident show` lists entry ids"
        case .ambiguousEntry(let reference, let candidates):
            return "'\(reference)' matches several entries (\(candidates.joined(separator: ", "))): "
                + "give more characters"
        case .summaryRequired(let status, let field):
            return "`\(status.rawValue)` needs a \(field.rawValue) summary, as the runbook asks: "
                + "incident status \(status.rawValue) -m \"what you did\""
        case .storage(let what):
            return what
        case .noSuchItem(let list, let number, let count):
            let listing = list == .note ? "incident notes" : "incident \(list.rawValue) list"
            let noun = list == .note ? "line" : list == .link ? "link" : "action item"
            return count == 0
                ? "there is no \(noun) \(number): this incident has none yet"
                : "there is no \(noun) \(number): they are numbered 1 to \(count) (`\(listing)` shows them)"
        case .alreadyPromoted(let line):
            return "note line \(line) is on the timeline already (promoted here or on another replica): "
                + "nothing was written"
        case .allWhysAnswered:
            return "the 5 whys are all answered: to change one, give its number, "
                + "e.g. `incident review why --number 3 TEXT`"
        case .badSignature(let operation, let reason):
            return "operation \(operation) is not its replica's as it claims (\(reason)): it was forged or "
                + "changed on the way; nothing was applied"
        case .unsealedOperations(let replica, let from, let through):
            return "ops \(from)...\(through) of replica \(replica.prefix(8)) came without the signature that covers "
                + "them (cut from a transfer, or passed on by a replica of format 4 or older): nothing was applied; "
                + "sync with a replica of this version that holds them"
        case .splitHistory(let replica):
            return "replica \(replica.rawValue.prefix(8)) signed two histories (its file was copied): nothing of "
                + "the second was applied; a sync that carries its whole history (a bundle, a folder) places it"
        case .unreadableKey:
            return "this replica's private key is damaged (not 32 bytes): nothing was written; restore the "
                + "replica file from a backup, or make a new replica and sync it"
        case .keyExposed(let path, let mode):
            return "the replica '\(path)' holds this replica's private key, and others may read it "
                + "(mode \(String(mode, radix: 8))): nothing was written; `chmod 600 \(path)`, "
                + "then run the command again"
        case .notAReplica:
            return "that file is a database of another application, not an incident replica: nothing was read "
                + "or changed; check --db or $INCIDENT_DB"
        case .newerReplica:
            return "this replica was written by a newer version of incident: nothing was read or changed; "
                + "upgrade incident to use it"
        case .entryRedacted(let entry):
            return "entry \(entry.prefix(6)) was redacted, which cannot be undone: nothing was edited; "
                + "`incident log TEXT` records the text anew"
        case .remoteExists(let name, let location):
            return "there is a remote named '\(name)' already (\(location)): `incident remote remove \(name)` "
                + "first, or choose another name"
        case .bundleOntoReplica(let path):
            return "'\(path)' is the replica itself: a bundle written there would replace it; give another path"
        case .divergentOperation(let id):
            return "operation \(id) differs from the one this replica holds under that id: two replicas "
                + "share one replica id (a copied replica file?); nothing was applied. On the copy, "
                + "`incident init --new-id --from-seq SEQ` (SEQ: the seq of that operation) gives it its own id, "
                + "keeping its ops"
        }
    }
}

extension StoreError {
    /// Whether `error` is SQLite's answer that another process held the replica locked
    /// for longer than the busy timeout: worth trying again, not a fault.
    public static func isReplicaBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// What a failure of SQLite or of the file system means to the person at the terminal,
    /// and what to do, or nil for an error that is not one; the write it stopped changed
    /// nothing (each is one transaction).
    public static func explaining(_ error: any Error) -> StoreError? {
        if let error = error as? DatabaseError {
            switch error.resultCode.primaryResultCode {
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
                return .storage(
                    "the replica cannot be written (a read-only file, folder or disk): nothing was written; "
                        + "check its permissions, or give another file with --db")
            case .SQLITE_FULL:
                return .storage("the disk is full: nothing was written; free some space and run the command again")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .storage(
                    "another incident process held the replica for \(Int(Replica.busyTimeout)) s: nothing was "
                        + "written; run the command again")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .storage("the replica file is damaged or not a replica: restore it, or sync a new one")
            case .SQLITE_IOERR:
                return .storage("the disk failed while reading or writing the replica: check the disk, then run again")
            default:
                return .storage("the replica failed (SQLite: \(error.message ?? "\(error.resultCode)"))")
            }
        }
        let posix = error as NSError
        if posix.domain == NSPOSIXErrorDomain {
            switch Int32(posix.code) {
            case ENOSPC, EDQUOT: return .storage("the disk is full: free some space and run the command again")
            case EACCES, EPERM, EROFS: return .storage("no permission to write there (or a read-only disk)")
            default: break
            }
        }
        if let error = error as? CocoaError {
            let path = error.filePath.map { " '\($0)'" } ?? ""
            switch error.code {
            case .fileWriteOutOfSpace:
                return .storage("the disk is full writing\(path): free some space and run the command again")
            case .fileWriteNoPermission, .fileReadNoPermission, .fileWriteVolumeReadOnly:
                return .storage("no permission to use\(path): check its permissions")
            default:
                return .storage("could not use the file\(path): \(error.localizedDescription)")
            }
        }
        return nil
    }
}
