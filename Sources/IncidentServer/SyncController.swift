import Foundation
import HTTPTypes
import Hummingbird
import IncidentCore
import IncidentHTTPSync
import IncidentStore
import IncidentSync
import NIOCore

/// The sync protocol over HTTP: version vectors in, missing ops out, both ways.
///
/// - `POST /v1/pull` with `{"vector": {...}, "tips": {...}}`: answers a bundle of every
///   op the caller lacks; its header carries this replica's vector. `tips` (optional)
///   names the clock of the caller's op at each seq of its vector: a replica whose op
///   there differs here has two histories under one id (a copied file), and its ops are
///   sent from the first, so that the copy can heal. The `Incident-Tips` header of the
///   answer names this replica's own tips, for the caller to check the same way.
/// - `POST /v1/push` with a bundle: applies it in one transaction and answers the
///   counts as JSON.
struct SyncController<Context: RequestContext> {
    let replica: Replica
    let limits: ServerLimits

    static var tipsHeader: HTTPField.Name { HTTPField.Name(VersionTips.headerName)! }

    struct PullRequest: Decodable {
        var vector: VersionVector
        var tips: [String: String]?
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
            throw HubError.badPull
        }
        let spool = try SpoolFile()
        let ownTips: String
        do {
            ownTips = try await offload { [replica] in
                let diverging = try replica.diverging(pull.vector, tips: VersionTips.parse(pull.tips ?? [:]))
                let since = VersionVector(pull.vector.seqs.filter { !diverging.contains($0.key) })
                _ = try replica.createBundle(at: spool.path, since: since)
                return VersionTips.header(try replica.versionTips().tips)
            }
        } catch {
            spool.remove()
            throw error
        }
        let size = spool.size
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson", Self.tipsHeader: ownTips],
            body: ResponseBody(contentLength: size) { writer in
                defer { spool.remove() }
                try await spool.withChunks { chunks in
                    for try await chunk in chunks { try await writer.write(chunk) }
                }
                try await writer.finish(nil)
            })
    }

    @Sendable func push(request: Request, context: Context) async throws -> PushResponse {
        let spool = try SpoolFile()
        defer { spool.remove() }
        guard try await spool.fill(from: request.body, limit: limits.maxRequestBytes) else {
            throw HubError.requestTooLarge(limit: limits.maxRequestBytes)
        }
        guard try spool.longestLine() <= limits.maxOperationBytes else {
            throw HubError.operationTooLarge(limit: limits.maxOperationBytes)
        }
        do {
            // Named for the client: the spool file's path stays on the server.
            let report = try await offload { [replica] in
                try replica.applyBundle(lines: FileLines(path: spool.path), name: "the pushed bundle").0
            }
            return PushResponse(
                applied: report.applied, duplicates: report.duplicates, conflicts: report.conflicts,
                deferred: report.deferred)
        } catch let error as SyncError {
            throw HubError.refused(error)
        } catch let error as CoreError {
            throw HubError.refused(error)
        } catch let error as StoreError where !StoreError.isReplicaBusy(error) {
            throw HubError.conflicting(error)
        }
    }

    /// The request's body, up to `limit` bytes.
    private func collect(_ request: Request, limit: Int) async throws -> Data {
        do {
            return Data(try await request.body.collect(upTo: limit).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw HubError.requestTooLarge(limit: limit)
        }
    }
}
