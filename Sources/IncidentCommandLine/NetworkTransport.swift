import ArgumentParser
import IncidentStore
import IncidentSync

/// What the commands that reach the network ask of the program running them: given by
/// `incident-hub`, which links the HTTP server and client.
public protocol NetworkTransport: Sendable {
    /// Serves `replica`'s sync protocol on `listen` (HOST:PORT) until SIGTERM or SIGINT.
    func serve(_ replica: Replica, listen: String, token: String?) async throws

    /// Two-way sync with `incident serve` at `url`.
    func sync(_ replica: Replica, url: String, token: String?, progress: @escaping SyncProgress) async throws
        -> SyncReport
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
