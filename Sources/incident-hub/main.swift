import IncidentCommandLine
import IncidentHTTPSync
import IncidentServer
import IncidentStore
import IncidentSync

/// The network half of the command line: the HTTP server and the HTTP sync client.
struct HTTPTransport: NetworkTransport {
    func serve(_ replica: Replica, settings: ServeSettings) async throws {
        let tls = settings.certificateFile.flatMap { certificate in
            settings.keyFile.map { TLSFiles(certificate: certificate, key: $0) }
        }
        let app = try buildApplication(
            replica: replica, host: settings.host, port: settings.port, token: settings.token, tls: tls,
            insecureHTTP: settings.insecureHTTP)
        do {
            try await app.runService()
        } catch {
            throw ServerError.listening(on: settings.listen, failedWith: error)
        }
    }

    func sync(_ replica: Replica, with remote: Remote, token: String?, progress: @escaping SyncProgress)
        async throws -> SyncReport
    {
        try await replica.syncHTTP(
            url: remote.location, token: token, caFile: remote.caFile, insecureHTTP: remote.insecureHTTP,
            progress: progress)
    }
}

// Every command of `incident`, with the network: `incident` replaces itself with this program
// for `serve` and for `sync` with a URL.
await IncidentCommand.run(through: HTTPTransport())
