import ArgumentParser
import Foundation
import IncidentCore
import IncidentStore

/// `incident import FILE`: a scratchpad file onto the timeline, idempotently.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a scratchpad file (lines like `14:02 text`) onto the timeline; safe to repeat.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The scratchpad file ('-' for standard input).")
    var file: String

    func run() throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw CommandError(description: "cannot read '\(file)': check the path and its permissions")
            }
            data = contents
        }
        let replica = try global.openForWriting()
        let incident = try replica.resolveIncident(target.incident)
        let report = try replica.importScratchpad(String(decoding: data, as: UTF8.self), into: incident, in: .current)
        Output.say(
            "imported \(report.added) \(report.added == 1 ? "entry" : "entries"), \(report.alreadyPresent) already present"
        )
    }
}
