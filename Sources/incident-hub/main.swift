import IncidentCommandLine
import IncidentHTTPSync
import IncidentServer
import IncidentStore
import IncidentSync

/// The network half of the command line: the HTTP server and the HTTP sync client.
struct HTTPTransport: NetworkTransport {
    func serve(_ replica: Replica, listen: String, token: String?) async throws {
        let (host, port) = try parseListenAddress(listen)
        let app = try buildApplication(replica: replica, host: host, port: port, token: token)
        do {
            try await app.runService()
        } catch {
            throw ServerError.listening(on: listen, failedWith: error)
        }
    }

    func sync(_ replica: Replica, url: String, token: String?, progress: @escaping SyncProgress) async throws
        -> SyncReport
    {
        try await replica.syncHTTP(url: url, token: token, progress: progress)
    }
}

// Every command of `incident`, with the network: `incident` replaces itself with this program
// for `serve` and for `sync` with a URL.
await IncidentCommand.run(through: HTTPTransport())
