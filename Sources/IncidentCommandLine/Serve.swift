import ArgumentParser
import IncidentStore
import IncidentSync

/// `incident serve --listen HOST:PORT [--token-file F] [--tls-cert F --tls-key F]`: serves this
/// replica to others, and its timeline to browsers.
struct Serve: NetworkCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Serve this replica's sync protocol and timeline pages over HTTPS or HTTP "
            + "(stops on SIGTERM or Ctrl-C).",
        discussion: """
            Off loopback it needs a token and TLS (or --insecure-http, said out loud). Browsers \
            see the incidents at / and ask for the token as a password.

            Example: incident serve --listen 0.0.0.0:8443 --token-file ~/.config/incident/token \
              --tls-cert /etc/incident/hub.crt --tls-key /etc/incident/hub.key
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "HOST:PORT to listen on, such as 127.0.0.1:8080.")
    var listen: String

    @Option(name: .long, help: "A file holding the bearer token clients must send (required off loopback).")
    var tokenFile: String?

    @Option(name: .long, help: "The certificate chain to serve HTTPS with, PEM.")
    var tlsCert: String?

    @Option(name: .long, help: "The private key of --tls-cert, PEM.")
    var tlsKey: String?

    @Flag(name: .long, help: "Serve plain HTTP off loopback: the token and every incident cross the network in clear.")
    var insecureHTTP = false

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        guard HTTPAddress.listen(listen) != nil else {
            throw ValidationError("bad listen address '\(listen)': use HOST:PORT, such as 127.0.0.1:8080")
        }
        _ = try tokenFile.map(TokenFile.read)  // refused before `incident` hands over to the hub
    }

    func runOffline() throws {
        try HubProgram.replaceThisProcess()
    }

    func run(through transport: any NetworkTransport) async throws {
        guard let address = HTTPAddress.listen(listen) else { throw ValidationError("bad listen address '\(listen)'") }
        let settings = ServeSettings(
            listen: listen, host: address.host, port: address.port, token: try tokenFile.map(TokenFile.read),
            certificateFile: tlsCert, keyFile: tlsKey, insecureHTTP: insecureHTTP)
        try await transport.serve(try global.openForWriting(), settings: settings)
    }
}
