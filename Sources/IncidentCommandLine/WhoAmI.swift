import ArgumentParser
import IncidentStore

/// `incident whoami`: this replica's file, id and author name.
struct WhoAmI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show this replica: the author name it records, its id and its file.",
        discussion: "Example: incident whoami")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard let identity = try global.openForReading().identity() else {
            Output.say("no replica yet at \(global.path): the first write makes one (or `incident init --name NAME`)")
            return
        }
        Output.say("\(identity.name)  replica \(identity.id.rawValue)  \(global.path)")
    }
}
