import Foundation
import GRDB
import IncidentStore
import Testing

/// SQLite's and the file system's failures, told as what happened and what to do.
@Suite struct StorageErrorTests {
    @Test func databaseAndFileErrorsBecomeMessagesWithWhatToDo() throws {
        let cases: [(any Error, String)] = [
            (DatabaseError(resultCode: .SQLITE_READONLY), "cannot be written"),
            (DatabaseError(resultCode: .SQLITE_FULL), "disk is full"),
            (DatabaseError(resultCode: .SQLITE_BUSY), "run the command again"),
            (DatabaseError(resultCode: .SQLITE_NOTADB), "not a replica"),
            (CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "/media/stick/x"]), "'/media/stick/x'"),
            (NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)), "disk is full"),
            (NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS)), "read-only disk"),
        ]
        for (error, expected) in cases {
            let message = try #require(StoreError.explaining(error)).description
            #expect(message.contains(expected), "\(error): \(message)")
            #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("SQL"), "\(message)")
        }
        #expect(StoreError.explaining(CancellationError()) == nil)
    }
}
