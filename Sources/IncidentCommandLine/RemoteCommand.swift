import ArgumentParser
import IncidentStore

/// `incident remote add NAME URL-or-PATH [--token-file F] | list | remove NAME`.
struct RemoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote", abstract: "Name the folders and servers `incident sync` syncs with.",
        subcommands: [Add.self, ListRemotes.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add (or replace) a remote.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short name.") var name: String
        @Argument(help: "A folder path or an http(s) URL.") var location: String
        @Option(name: .long, help: "A file holding the server's bearer token.") var tokenFile: String?

        func run() throws {
            try global.open().addRemote(Remote(name: name, location: location, tokenFile: tokenFile))
            Output.say("\(name) → \(location)")
        }
    }

    struct ListRemotes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the remotes.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            for remote in try global.openForReading().remotes() {
                Output.say("\(remote.name)  \(remote.location)" + (remote.tokenFile.map { "  (token: \($0))" } ?? ""))
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a remote.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The remote's name.") var name: String

        func run() throws {
            guard try global.open().removeRemote(named: name) else {
                throw CommandError(description: "no remote named '\(name)': `incident remote list` shows them")
            }
            Output.say("removed \(name)")
        }
    }
}
