import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident init --name NAME`: makes this replica, or renames it (idempotent).
/// `incident init --new-id [--from-seq N]`: gives a copied replica file its own id.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make this replica, named for you (idempotent; run again to rename).",
        discussion: """
            A replica file copied to another machine shares its id with the original; sync says so. \
            A copy heals itself at its next sync; by hand, `incident init --new-id --from-seq N` on \
            the copy gives it a new id and moves its ops from seq N on to it, so nothing it recorded \
            is lost.

            `--team FINGERPRINT` pins a new replica to the team whose founder has that key, before \
            its first sync: it then joins no other team, and the ops of keys that team's members did \
            not admit wait.

            Example: incident init --name "Alice Doe" --team '3f2a 1b9c 0d4e 5f60 7182 93a4 b5c6 d7e8'
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Your name, as the author of what you record (default: git's user.name, else $USER).")
    var name: String?

    @Flag(name: .long, help: "Give this replica a new id (a copied replica file).")
    var newID = false

    @Option(name: .long, help: "With --new-id: make this replica's ops from this seq on again under the new id.")
    var fromSeq: Int64?

    @Option(name: .long, help: "The fingerprint of the team's founder, as its `incident whoami` prints it.")
    var team: String?

    func validate() throws {
        guard fromSeq == nil || newID else { throw ValidationError("--from-seq goes with --new-id") }
        if let team { _ = try ValidationError.fingerprint(team) }
    }

    func run() throws {
        if let name {
            let (identity, created) = try global.open().initialize(name: name)
            let id = identity.id.rawValue.prefix(6)
            Output.say(
                created
                    ? "made replica \(id) for \(identity.name) at \(global.path)" : "replica \(id) is \(identity.name)")
        }
        if name == nil, !newID {
            // No name given: named from `git config user.name` or $USER, as a first write would.
            let existed = try global.open().identity() != nil
            let identity = try global.openForWriting().identity()
            guard let identity else { return }
            let id = identity.id.rawValue.prefix(6)
            Output.say(
                existed
                    ? "replica \(id) is \(identity.name)" : "made replica \(id) for \(identity.name) at \(global.path)")
        }
        if let team {
            let founder = try ValidationError.fingerprint(team)
            try global.openForWriting().pinTeam(foundedBy: founder.replicaID)
            Output.say(
                "in the team founded by \(founder): ops of keys its members did not admit wait; "
                    + "`incident team` lists who is in it")
        }
        if newID {
            let (old, new, remade) = try global.openForWriting().reidentify(remakingFrom: fromSeq)
            Output.say(
                "this replica is now \(new.rawValue.prefix(6)) (was \(old.rawValue.prefix(6))); "
                    + "\(remade) ops made again under the new id: sync to pass them on")
        }
    }
}
