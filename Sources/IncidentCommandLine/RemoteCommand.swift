import ArgumentParser

/// `incident remote add NAME URL-or-PATH [--token-file F] | list | remove NAME`.
struct RemoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote", abstract: "Name the folders and servers `incident sync` syncs with.",
        subcommands: [Add.self, ListRemotes.self, Remove.self])
}
