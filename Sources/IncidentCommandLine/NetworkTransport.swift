import ArgumentParser
import IncidentStore
import IncidentSync

/// What the commands that reach the network ask of the program running them: given by
/// `incident-hub`, which links the HTTP server and client.
public protocol NetworkTransport: Sendable {
    /// Serves `replica`'s sync protocol and timeline pages as `settings` say, until SIGTERM or SIGINT.
    func serve(_ replica: Replica, settings: ServeSettings) async throws

    /// Two-way sync with `incident serve` at `remote`'s URL, with `token`.
    func sync(_ replica: Replica, with remote: Remote, token: String?, progress: @escaping SyncProgress)
        async throws -> SyncReport
}

/// How `incident serve` was asked to serve.
public struct ServeSettings: Sendable {
    /// HOST:PORT, as given.
    public var listen: String
    public var host: String
    public var port: Int
    public var token: String?
    /// PEM files of the certificate chain and its key, for TLS.
    public var certificateFile: String?
    public var keyFile: String?
    /// Plain HTTP off loopback, said out loud.
    public var insecureHTTP: Bool
}

/// A command that may need the network: `incident-hub` runs it through its `NetworkTransport`;
/// `incident` runs it offline where it can, else hands it to `incident-hub`.
protocol NetworkCommand: ParsableCommand {
    /// Runs the command in a program without the network; replaces the process with
    /// `incident-hub` (before writing anything) when this run needs the network.
    func runOffline() throws

    /// Runs the command with the network.
    func run(through transport: any NetworkTransport) async throws
}
