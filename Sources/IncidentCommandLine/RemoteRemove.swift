import ArgumentParser
import Foundation
import IncidentStore
import IncidentSync

extension RemoteCommand {
    /// `incident remote remove NAME`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a remote.", discussion: "Example: incident remote rm usb",
            aliases: ["rm"])
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
