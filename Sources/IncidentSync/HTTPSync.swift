import AsyncHTTPClient
import Foundation
import IncidentCore
import IncidentStore
import NIOCore

/// The HTTP sync client: pulls what this replica lacks, then pushes what the server lacks.
extension Replica {
    /// Two-way sync with `incident serve` at `url`, with a bearer `token` if given.
    ///
    /// `progress` is told the ops received so far (against what the server has that
    /// this replica lacks), then the ops sent.
    ///
    /// - Throws: `SyncError.remote` with the server's message (401 for a wrong token),
    ///   `.unreachable` when nothing answers; a failed pull applies nothing.
    public func syncHTTP(
        url: String, token: String?, maxResponseBytes: Int = 1 << 30, progress: SyncProgress? = nil
    ) async throws -> SyncReport {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let report = try await exchange(
                base: base, token: token, client: client, limit: maxResponseBytes, progress: progress)
            try await client.shutdown()
            return report
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func exchange(
        base: String, token: String?, client: HTTPClient, limit: Int, progress: SyncProgress?
    ) async throws -> SyncReport {
        var report = SyncReport()
        let pullBody = try JSONEncoder().encode(["vector": try versionVector()])
        let pulled = try await post(base + "/v1/pull", body: pullBody, token: token, client: client, limit: limit)
        let (received, header) = try applyBundle(lines: lines(of: pulled), name: base, progress: progress)
        report.received = received

        var bundle = Data()
        let count = try writeBundle(missingFrom: header.vector) { bundle.append($0) }
        if count > 0 {
            _ = try await post(base + "/v1/push", body: bundle, token: token, client: client, limit: limit)
            progress?(count, count)
        }
        report.sent = count
        return report
    }

    private func post(_ url: String, body: Data, token: String?, client: HTTPClient, limit: Int) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-ndjson")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(300))
        } catch {
            throw SyncError.unreachable(url, reason: "\(error)")
        }
        let data = Data(try await response.body.collect(upTo: limit).readableBytesView)
        guard response.status == .ok else {
            throw SyncError.remote(status: Int(response.status.code), message: Self.errorMessage(in: data))
        }
        return data
    }

    /// The message of a Hummingbird JSON error (`{"error":{"message":...}}`), else the raw text.
    private static func errorMessage(in data: Data) -> String {
        struct Body: Decodable {
            struct Inner: Decodable { var message: String }
            var error: Inner
        }
        return (try? JSONDecoder().decode(Body.self, from: data).error.message)
            ?? String(decoding: data.prefix(500), as: UTF8.self)
    }
}
