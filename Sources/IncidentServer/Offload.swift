import NIOPosix

/// Runs blocking work (SQLite, files) on NIO's thread pool and awaits its result, so a long
/// bundle holds neither an event loop nor one of the few threads Swift concurrency serves
/// every request with.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
}
