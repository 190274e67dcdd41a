import Foundation
import IncidentSync

/// A progress bar on standard error, shown only on a terminal and only once a sync
/// has taken more than a second; cleared when it ends.
final class ProgressBar {
    private let label: String
    private let start = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    private var drawn = false

    init(label: String) {
        self.label = label
    }

    func update(done: Int, expected: Int) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        FileHandle.standardError.write(
            Data(("\r" + Self.line(label: label, done: done, expected: expected)).utf8))
        drawn = true
    }

    /// `hub [##########----------] 5000/10000 ops`, or `hub 5000 ops` when nothing is expected.
    static func line(label: String, done: Int, expected: Int, width: Int = 24) -> String {
        guard expected > 0 else { return "\(label) \(done) ops" }
        let filled = min(width, done * width / expected)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "\(label) [\(bar)] \(min(done, expected))/\(expected) ops"
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
