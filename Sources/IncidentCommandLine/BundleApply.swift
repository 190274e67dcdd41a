import ArgumentParser
import Foundation
import IncidentCore
import IncidentStore
import IncidentSync

extension BundleCommand {
    /// `incident bundle apply FILE`: all of a bundle or nothing (`-`: stdin).
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply", abstract: "Apply a bundle file: all of it, or nothing.",
            discussion: "Example: incident bundle apply /media/usb/bob.bundle")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The bundle file to apply ('-' for standard input).")
        var file: String

        func run() throws {
            let bar = ProgressBar(label: file)
            // On a fresh machine, a bundle that is refused leaves no replica behind.
            let report = try global.withReplicaMadeOnSuccess { replica in
                file == "-"
                    ? try replica.applyBundle(lines: FileLines(path: "/dev/stdin"), name: "standard input").0
                    : try replica.applyBundle(at: file, progress: bar.update)
            }
            bar.finish()
            for line in report.sentence.split(separator: "\n") { Output.say(String(line)) }
        }
    }
}
