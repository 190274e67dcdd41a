import Foundation

/// `incident-hub`, the program beside `incident` that links the HTTP stack.
///
/// `incident` leaves it out so that starting a recording command does not pay for it: each
/// first dynamic cast scans every protocol conformance linked in, and NIO, Hummingbird and
/// AsyncHTTPClient more than double their number (Benchmarks/README.md, start-up).
enum HubProgram {
    static let name = "incident-hub"

    /// Replaces this process with `incident-hub` run with the same arguments and
    /// environment (the same process id, so signals reach the server it becomes).
    static func replaceThisProcess() throws -> Never {
        let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let path = directory.appendingPathComponent(name).path
        fflush(nil)
        execv(path, CommandLine.unsafeArgv)
        let reason = String(cString: strerror(errno))
        throw CommandError(
            description: """
                serving and syncing over HTTP are done by \(name), expected beside incident at \(path) \
                (\(reason)): build both with `swift build`, or install both (README)
                """)
    }
}
