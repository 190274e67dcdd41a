import ArgumentParser
import Foundation
import IncidentCore
import IncidentStore
import IncidentSync

/// The `incident` command line: a thin layer over `IncidentStore`, one file per command.
///
/// Two programs run it. `incident`, the one a maintainer types into, links no HTTP stack, so
/// that recording starts as fast as it can; `incident-hub` is the same command line with a
/// `NetworkTransport`, and `incident` hands it the commands that need the network (`serve`,
/// and `sync` with a URL) by replacing itself with it (`HubProgram`).
///
/// Exit codes (DESIGN.md): 0 ok, 1 error, 2 usage. Errors go to stderr.
public struct IncidentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "An offline-first incident log: record now, merge with the team later.",
        discussion: """
            Each maintainer keeps a full replica of every incident in one SQLite file \
            (--db, $INCIDENT_DB, default $XDG_DATA_HOME/incident/replica.sqlite). Commands \
            that take an incident use -i ID (any unique prefix), else the current one \
            (set by `new` and `use`).
            """,
        version: "0.4.0 (operation format \(Operation.formatVersion), bundle format \(BundleFormat.formatVersion))",
        subcommands: [
            Init.self, New.self, Use.self, List.self, Show.self, Log.self, Import.self, Status.self, SetCommand.self,
            Edit.self, Redact.self, NotesCommand.self, AlarmCommand.self, LinkCommand.self, ActionCommand.self,
            ReviewCommand.self, Due.self, Export.self, RemoteCommand.self, Sync.self, BundleCommand.self, Serve.self,
            Doctor.self, WhoAmI.self, TeamCommand.self,
        ])

    public init() {}

    /// Runs the command the process's arguments name, in a program without the network:
    /// synchronously, on the main thread, with no thread pool started; `serve` and `sync`
    /// with a URL replace the process with `incident-hub`.
    public static func runWithoutNetwork() {
        sayWhenWaitingForTheLock()
        do {
            if HubProgram.handles(CommandLine.arguments.dropFirst()) { try HubProgram.replaceThisProcess() }
            var command = try parseArguments()
            if let networked = command as? any NetworkCommand {
                try networked.runOffline()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error)
        }
    }

    /// Runs the command the process's arguments name, reaching the network through `transport`.
    public static func run(through transport: any NetworkTransport) async {
        sayWhenWaitingForTheLock()
        do {
            var command = try parseArguments()
            if let networked = command as? any NetworkCommand {
                try await networked.run(through: transport)
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error)
        }
    }

    /// A write that waits a second for another process's says so, once, on stderr.
    private static func sayWhenWaitingForTheLock() {
        Replica.onLongWait = {
            Output.warn(
                "waiting for another incident process to finish writing this replica "
                    + "(up to \(Int(Replica.busyTimeout)) s)...")
        }
    }

    private static func parseArguments() throws -> any ParsableCommand {
        var arguments = GlobalOptions.movingLeadingDatabaseOption(CommandLine.arguments.dropFirst())
        if arguments == ["-V"] { arguments = ["--version"] }  // as git, gh and sqlite3 users type it
        return try parseAsRoot(arguments)
    }

    /// Ends the process for `error`: 1 with its message for an error of ours, 2 with the usage
    /// for a usage error, else as ArgumentParser does (help, version: 0).
    private static func exit(reporting error: any Error) -> Never {
        if let error = (error as? any ActionableError) ?? StoreError.explaining(error) {
            Output.warn("incident: \(error.description)")
            Foundation.exit(1)
        }
        if exitCode(for: error) == .validationFailure {
            var message = fullMessage(for: error)
            // `log "-5% drop"`: text that starts with a dash reads as an option.
            if let dashed = CommandLine.arguments.dropFirst().first(where: {
                $0.count > 1 && $0.hasPrefix("-") && ($0.contains(" ") || $0.dropFirst().first?.isNumber == true)
            }) {
                message += "\nto give text that starts with '-', put -- before it: incident log -- \"\(dashed)\""
            }
            if let suggestion = CommandSuggestion.suggestion(for: Array(CommandLine.arguments.dropFirst())) {
                message += "\ndid you mean `\(suggestion)`?"
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
        exit(withError: error)
    }
}

/// Errors of the command line itself (files, input), with what to do about them.
struct CommandError: ActionableError {
    var description: String
}
