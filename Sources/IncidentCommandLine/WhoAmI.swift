import ArgumentParser
import IncidentStore

/// `incident whoami`: this replica's file, id and author name, and its key's fingerprint, for
/// a teammate to compare over a channel the team trusts.
struct WhoAmI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show this replica: the author name it records, its id, its file and its key's fingerprint.",
        discussion: "Example: incident whoami")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let replica = try global.openForReading()
        guard let identity = try replica.identity() else {
            Output.say("no replica yet at \(global.path): the first write makes one (or `incident init --name NAME`)")
            return
        }
        Output.say("\(identity.name)  replica \(identity.id.rawValue)  \(global.path)")
        if let key = try replica.key() { Output.say("key fingerprint: \(key.fingerprint)") }
    }
}
