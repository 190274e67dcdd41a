import ArgumentParser
import Hummingbird
import IncidentServer
import IncidentStore

/// `incident serve --listen HOST:PORT [--token-file F]`: serves this replica to others.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve this replica's sync protocol over HTTP (stops cleanly on SIGTERM or Ctrl-C).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "HOST:PORT to listen on, such as 127.0.0.1:8080.")
    var listen: String

    @Option(name: .long, help: "A file holding the bearer token clients must send (required off loopback).")
    var tokenFile: String?

    func run() async throws {
        let (host, port) = try parseListenAddress(listen)
        let token = try tokenFile.map(TokenFile.read)
        let replica = try global.openForWriting()
        let app = try buildApplication(replica: replica, host: host, port: port, token: token)
        try await app.runService()
    }
}
