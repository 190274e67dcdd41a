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
            Data(("\r" + ProgressLine.render(label: label, done: done, expected: expected)).utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
