import Foundation
import GRDB

/// How a command waits for another process's write lock on the replica: it tries again
/// every few milliseconds for up to `Replica.busyTimeout`, and after a second it says so
/// once (`Replica.onLongWait`), so a person is not left before a silent terminal.
enum BusyWait {
    /// The pause between tries, in microseconds.
    static let pause: UInt32 = 5_000
    /// After how many tries (a second) the wait is told.
    static let triesBeforeNotice = 200

    /// The busy handler: sleeps and tries again, tells the wait once, gives up at the timeout.
    static func handler(notice: (@Sendable () -> Void)?) -> Database.BusyCallback {
        let limit = Int(Replica.busyTimeout * 1_000_000) / Int(pause)
        return { tries in
            guard tries < limit else { return false }
            if tries == triesBeforeNotice { notice?() }
            usleep(pause)
            return true
        }
    }
}
