import ArgumentParser
import Foundation
import IncidentCore
import IncidentServer
import IncidentStore
import IncidentSync

/// The `incident` command line: a thin layer over `IncidentStore`, one file per command.
///
/// Exit codes (DESIGN.md): 0 ok, 1 error, 2 usage. Errors go to stderr.
@main
struct IncidentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "An offline-first incident log: record now, merge with the team later.",
        discussion: """
            Each maintainer keeps a full replica of every incident in one SQLite file \
            (--db, $INCIDENT_DB, default $XDG_DATA_HOME/incident/replica.sqlite). Commands \
            that take an incident use -i ID (any unique prefix), else the current one \
            (set by `new` and `use`).
            """,
        version: "0.1.0 (operation format \(Operation.formatVersion), bundle format \(BundleFormat.formatVersion))",
        subcommands: [
            Init.self, New.self, Use.self, List.self, Show.self, Log.self, Import.self, Status.self, SetCommand.self,
            Edit.self, Redact.self, RemoteCommand.self, Sync.self, BundleCommand.self, Serve.self,
        ])

    static func main() async {
        do {
            var command = try parseAsRoot(GlobalOptions.movingLeadingDatabaseOption(CommandLine.arguments.dropFirst()))
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as any ActionableError {
            FileHandle.standardError.write(Data("incident: \(error.description)\n".utf8))
            Foundation.exit(1)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Errors of the command line itself (files, input), with what to do about them.
struct CommandError: ActionableError {
    var description: String
}
