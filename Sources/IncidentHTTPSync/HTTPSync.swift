import AsyncHTTPClient
import Foundation
import IncidentCore
import IncidentStore
import IncidentSync
import NIOCore
import NIOSSL

/// The HTTP sync client: pulls what this replica lacks, then pushes what the server lacks.
///
/// Bodies stream through temporary files in both directions, so a large sync never
/// sits in memory whole; what is pulled applies in one transaction, like a bundle.
extension Replica {
    /// Two-way sync with `incident serve` at `url`, with a bearer `token` if given.
    ///
    /// `progress` is told the ops received so far (against what the server has that
    /// this replica lacks), then the ops sent.
    ///
    /// - Parameters:
    ///   - caFile: a PEM file of the certificate authority to trust for `https://` (a team's
    ///     own); without it, the system's roots.
    ///   - insecureHTTP: allow `http://` to an address off this machine, where the token and
    ///     the ops cross the network in clear.
    /// - Throws: `SyncError.remote` with the server's message (401 for a wrong token),
    ///   `.unreachable` when nothing answers or its certificate is not trusted, `.plainHTTP`
    ///   for `http://` off loopback without `insecureHTTP`; a failed pull applies nothing.
    public func syncHTTP(
        url: String, token: String?, caFile: String? = nil, insecureHTTP: Bool = false,
        maxResponseBytes: Int = 4 << 30, progress: SyncProgress? = nil
    ) async throws -> SyncReport {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        if base.hasPrefix("http://"), !insecureHTTP, !HTTPAddress.isLoopback(HTTPAddress.host(of: base) ?? "") {
            throw SyncError.plainHTTP(base)
        }
        var configuration = HTTPClient.Configuration()
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else { throw SyncError.unreadable(caFile) }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let spool = try SpoolFile()
        defer { spool.remove() }
        do {
            let report = try await exchange(
                with: HTTPRemote(base: base, token: token, client: client), spool: spool, limit: maxResponseBytes,
                progress: progress)
            try await client.shutdown()
            return report
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func exchange(with remote: HTTPRemote, spool: SpoolFile, limit: Int, progress: SyncProgress?)
        async throws -> SyncReport
    {
        var report = SyncReport()
        let (vector, ownTips) = try versionTips()
        let pull = try JSONEncoder().encode(PullBody(vector: vector, tips: VersionTips.strings(ownTips)))
        let tips = try await remote.post("/v1/pull", body: .bytes(ByteBuffer(bytes: pull)), into: spool, limit: limit)
        var (received, header) = try applyBundle(
            lines: FileLines(path: spool.path), name: remote.base, progress: progress)
        report.received = received
        // Where this replica holds the server's last op of a replica, it must be the same op;
        // else one of the two holds a copy's history under that id (a restored backup, a
        // cloned machine), and the server's ops of it, pulled whole, settle which stands
        // (and heal this file, if it is the copy).
        let serverTips = VersionTips.parse(header: tips)
        let unseen = try diverging(header.vector, tips: serverTips).subtracting(received.diverging)
        if !unseen.isEmpty {
            let whole = VersionVector(vector.seqs.filter { !unseen.contains($0.key) })
            let again = try JSONEncoder().encode(PullBody(vector: whole))
            try await remote.post("/v1/pull", body: .bytes(ByteBuffer(bytes: again)), into: spool, limit: limit)
            (received, header) = try applyBundle(lines: FileLines(path: spool.path), name: remote.base)
            report.received.add(received)
        }

        let outgoing = try SpoolFile()
        defer { outgoing.remove() }
        // Where this replica still holds other ops than the server's, its own were made first
        // (it moved the server's): they go whole, and the server moves the copy's.
        let first = try notHolding(header.vector, tips: serverTips, of: report.received.diverging.union(unseen))
        report.sent = try createBundle(
            at: outgoing.path, since: VersionVector(header.vector.seqs.filter { !first.contains($0.key) }))
        if report.sent > 0 {
            let answer = try SpoolFile()
            defer { answer.remove() }
            try await outgoing.withChunks { chunks in
                let body = HTTPClientRequest.Body.stream(chunks, length: .known(Int64(outgoing.size)))
                try await remote.post("/v1/push", body: body, into: answer, limit: 1 << 20)
            }
            progress?(report.sent, report.sent)
        }
        return report
    }
}

/// The body of `POST /v1/pull`: what this replica holds, and the clocks of its last ops.
private struct PullBody: Encodable {
    var vector: VersionVector
    var tips: [String: String]?
}

/// One `incident serve` endpoint and the client to reach it.
private struct HTTPRemote {
    let base: String
    let token: String?
    let client: HTTPClient

    /// Posts `body` to `path` and streams a 200 answer into `spool`.
    ///
    /// - Returns: the answer's `Incident-Tips` header, if any.
    @discardableResult
    func post(_ path: String, body: HTTPClientRequest.Body, into spool: SpoolFile, limit: Int) async throws
        -> String?
    {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-ndjson")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = body
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(600))
        } catch {
            let text = String(describing: error)
            if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
                throw SyncError.untrustedCertificate(base)
            }
            throw SyncError.unreachable(base + path, reason: Self.reason(error))
        }
        guard response.status == .ok else {
            let text = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            let message = Self.errorMessage(in: text)
            throw SyncError.remote(
                status: Int(response.status.code),
                message: message.isEmpty
                    ? "\(response.status.reasonPhrase), with no message: is `incident serve` at that address?"
                    : message)
        }
        let whole: Bool
        do {
            whole = try await spool.fill(from: response.body, limit: limit)
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError.unreachable(base + path, reason: Self.reason(error))
        }
        guard whole else { throw SyncError.tooLarge(limit: limit) }
        return response.headers.first(name: VersionTips.headerName)
    }

    /// What went wrong reaching a server, in words (NIO's own text names errno codes and
    /// nests parentheses).
    static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        let known = [
            ("Connection refused", "connection refused: nothing listens there"),
            ("timed out", "no answer in time"), ("Timeout", "no answer in time"),
            ("No address", "no such host"), ("Name or service not known", "no such host"),
            ("Network is unreachable", "the network is unreachable"),
            ("Connection reset", "the connection was cut"),
            ("remoteConnectionClosed", "it closed the connection: if it serves HTTPS, use https://"),
            ("WRONG_VERSION_NUMBER", "it does not speak TLS: use http://, or serve with --tls-cert and --tls-key"),
            ("wrong version number", "it does not speak TLS: use http://, or serve with --tls-cert and --tls-key"),
        ]
        return known.first { text.localizedCaseInsensitiveContains($0.0) }?.1 ?? text
    }

    /// The message of a Hummingbird JSON error (`{"error":{"message":...}}`), else the raw text.
    private static func errorMessage(in data: Data) -> String {
        struct Body: Decodable {
            struct Inner: Decodable { var message: String }
            var error: Inner
        }
        return (try? JSONDecoder().decode(Body.self, from: data).error.message)
            ?? String(decoding: data.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
