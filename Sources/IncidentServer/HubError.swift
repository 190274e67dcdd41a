import Foundation
import Hummingbird
import IncidentCore
import NIOCore

/// Every answer the hub gives in error, in one shape: a status and
/// `{"error":{"message":"..."}}`, whose message says what to do. No server-side path or
/// internal detail is ever in it (those go to the hub's log).
struct HubError: HTTPResponseError, CustomStringConvertible {
    let status: HTTPResponse.Status
    let message: String

    var description: String { "\(status.code): \(message)" }

    /// `{"error":{"message":...}}`, as Hummingbird's own errors have it.
    private struct Body: Encodable {
        struct Inner: Encodable { var message: String }
        var error: Inner
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let json = try JSONEncoder().encode(Body(error: .init(message: message)))
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    static let unauthorized = HubError(
        status: .unauthorized,
        message: "missing or wrong token: set INCIDENT_TOKEN or `incident remote add NAME URL --token-file F`")
    static let noRoute = HubError(
        status: .notFound, message: "no such route: the sync routes are POST /v1/pull and POST /v1/push")
    static let noIncident = HubError(status: .notFound, message: "no incident matches that id")
    static let badPull = HubError(status: .badRequest, message: "expected {\"vector\": {replica: seq, ...}}")
    static let busy = HubError(
        status: .serviceUnavailable, message: "the hub's replica is busy (another process is writing it): try again")
    static let replicaUnusable = HubError(
        status: .serviceUnavailable, message: "the hub's replica could not be used; try again later")
    static let failed = HubError(
        status: .internalServerError, message: "the hub failed to answer; its log says why; try again later")

    static func requestTooLarge(limit: Int) -> HubError {
        HubError(status: .contentTooLarge, message: "the request is over \(limit) bytes: sync in smaller steps")
    }

    static func operationTooLarge(limit: Int) -> HubError {
        HubError(status: .contentTooLarge, message: "an op is over \(limit) bytes: no op is that large")
    }

    /// A pushed bundle refused whole (malformed, foreign, damaged): the client's words for it.
    static func refused(_ error: any ActionableError) -> HubError {
        HubError(status: .badRequest, message: error.description)
    }

    /// A pushed op that the replica refuses (one that reuses another op's id).
    static func conflicting(_ error: any ActionableError) -> HubError {
        HubError(status: .conflict, message: error.description)
    }

    /// Another HTTP error of the framework (a wrong method, say), in the same shape.
    static func from(_ error: HTTPError) -> HubError {
        error.status == .notFound ? .noRoute : HubError(status: error.status, message: error.status.reasonPhrase)
    }
}
