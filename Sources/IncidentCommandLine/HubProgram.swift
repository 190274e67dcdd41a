import Foundation

/// `incident-hub`, the program beside `incident` that links the HTTP stack.
///
/// `incident` leaves it out so that starting a recording command does not pay for it: each
/// first dynamic cast scans every protocol conformance linked in, and NIO, Hummingbird and
/// AsyncHTTPClient more than double their number (Benchmarks/README.md, start-up).
enum HubProgram {
    static let name = "incident-hub"

    /// Whether `arguments` plainly need the network, seen before they are parsed so that a
    /// sync with a hub pays for one program's start-up, not two: `serve`, or `sync` with an
    /// http(s) URL. (`sync NAME` of a remote that is a URL is found after parsing.)
    static func handles(_ arguments: ArraySlice<String>) -> Bool {
        let words = GlobalOptions.movingLeadingDatabaseOption(arguments)
        // Help is this program's own: it needs no network.
        if words.contains(where: { ["-h", "--help", "help"].contains($0) }) { return false }
        switch words.first {
        case "serve": return true
        case "sync": return words.dropFirst().contains { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
        default: return false
        }
    }

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
