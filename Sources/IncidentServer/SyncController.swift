import Foundation
import Hummingbird
import NIOCore
import IncidentCore
import IncidentStore
import IncidentSync

/// The sync protocol over HTTP: version vectors in, missing ops out, both ways.
///
/// - `POST /v1/pull` with `{"vector": {...}}`: answers a bundle of every op the
///   caller lacks; its header carries this replica's vector.
/// - `POST /v1/push` with a bundle: applies it in one transaction and answers the
///   counts as JSON.
struct SyncController<Context: RequestContext> {
    let replica: Replica
    let limits: ServerLimits

    struct PullRequest: Decodable {
        var vector: VersionVector
    }

    struct PushResponse: ResponseEncodable {
        var applied: Int
        var duplicates: Int
        var conflicts: Int
        var deferred: Int
    }

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.post("pull", use: pull)
        routes.post("push", use: push)
        return routes
    }

    @Sendable func pull(request: Request, context: Context) async throws -> Response {
        let body = try await collect(request, limit: limits.maxRequestBytes)
        guard let pull = try? JSONDecoder().decode(PullRequest.self, from: body) else {
            throw HTTPError(.badRequest, message: "expected {\"vector\": {replica: seq, ...}}")
        }
        var bundle = Data()
        try replica.writeBundle(missingFrom: pull.vector) { bundle.append($0) }
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bundle)))
    }

    @Sendable func push(request: Request, context: Context) async throws -> PushResponse {
        let body = try await collect(request, limit: limits.maxRequestBytes)
        let bundleLines = lines(of: body)
        if let index = bundleLines.firstIndex(where: { $0.count > limits.maxOperationBytes }) {
            throw HTTPError(
                .contentTooLarge, message: "line \(index + 1) is over \(limits.maxOperationBytes) bytes: no op is that large")
        }
        do {
            let (report, _) = try replica.applyBundle(lines: bundleLines, name: "the pushed bundle")
            return PushResponse(
                applied: report.applied, duplicates: report.duplicates, conflicts: report.conflicts,
                deferred: report.deferred)
        } catch let error as SyncError {
            throw HTTPError(.badRequest, message: error.description)
        } catch let error as CoreError {
            throw HTTPError(.badRequest, message: error.description)
        } catch let error as StoreError {
            throw HTTPError(.conflict, message: error.description)
        }
    }

    private func collect(_ request: Request, limit: Int) async throws -> Data {
        do {
            return Data(try await request.body.collect(upTo: limit).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "the request is over \(limit) bytes: sync in smaller steps")
        }
    }
}
