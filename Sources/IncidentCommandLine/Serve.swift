import ArgumentParser
import IncidentStore

/// `incident serve --listen HOST:PORT [--token-file F]`: serves this replica to others.
struct Serve: NetworkCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve this replica's sync protocol over HTTP (stops cleanly on SIGTERM or Ctrl-C).",
        discussion: "Example: incident serve --listen 0.0.0.0:8080 --token-file ~/.config/incident/token")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "HOST:PORT to listen on, such as 127.0.0.1:8080.")
    var listen: String

    @Option(name: .long, help: "A file holding the bearer token clients must send (required off loopback).")
    var tokenFile: String?

    func runOffline() throws {
        try HubProgram.replaceThisProcess()
    }

    func run(through transport: any NetworkTransport) async throws {
        let token = try tokenFile.map(TokenFile.read)
        try await transport.serve(try global.openForWriting(), listen: listen, token: token)
    }
}
