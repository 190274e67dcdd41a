import Foundation

/// Runs blocking work (SQLite, files) on a Dispatch thread and awaits its result, so a long
/// bundle does not hold one of the few threads Swift concurrency serves every request with.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
