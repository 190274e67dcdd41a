import ArgumentParser
import IncidentStore

/// `incident init --name NAME`: makes this replica, or renames it (idempotent).
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make this replica, named for you (idempotent; run again to rename).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Your name, as the author of what you record.")
    var name: String

    func run() throws {
        let (identity, created) = try global.open().initialize(name: name)
        let id = identity.id.rawValue.prefix(6)
        Output.say(
            created ? "made replica \(id) for \(identity.name) at \(global.path)" : "replica \(id) is \(identity.name)")
    }
}
