import ArgumentParser
import Foundation
import IncidentStore
import IncidentSync

extension RemoteCommand {
    /// `incident remote list`: each remote, where it points, its token file.
    struct ListRemotes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the remotes.", discussion: "Example: incident remote list")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            for remote in try global.openForReading().remotes() {
                Output.say("\(remote.name)  \(remote.location)" + (remote.tokenFile.map { "  (token: \($0))" } ?? ""))
            }
        }
    }
}
