import Foundation

/// A wall clock that tests move by hand, shared by the replicas of a simulation.
public final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var milliseconds: Int64

    /// Starts at 2026-11-28 14:00:00 UTC unless told otherwise.
    public init(start: Int64 = 1_795_874_400_000) {
        milliseconds = start
    }

    /// The current time.
    public func now() -> Int64 {
        lock.withLock { milliseconds }
    }

    /// Moves the clock, forward or (to model a skewed laptop) back.
    public func advance(by delta: Int64) {
        lock.withLock { milliseconds += delta }
    }

    /// A clock function for `Replica`, offset by `skew` milliseconds from this one.
    public func source(skew: Int64 = 0) -> @Sendable () -> Int64 {
        { [self] in self.now() + skew }
    }
}
