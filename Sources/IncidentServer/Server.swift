import Foundation
import Hummingbird
import IncidentCore
import IncidentStore
import Logging

/// Size limits of the sync server.
public struct ServerLimits: Sendable {
    /// The largest request body accepted (413 above).
    public var maxRequestBytes: Int
    /// The largest single op accepted in a push (413 above).
    public var maxOperationBytes: Int

    /// The op limit holds any op a replica accepts (`TextLimit`), escaped at worst.
    public init(maxRequestBytes: Int = 256 << 20, maxOperationBytes: Int = 4 << 20) {
        self.maxRequestBytes = maxRequestBytes
        self.maxOperationBytes = maxOperationBytes
    }
}

/// What the server refuses at start.
public enum ServerError: ActionableError, Equatable {
    case tokenRequired(host: String)
    case badListenAddress(String)
    case cannotListen(String, reason: String)

    public var description: String {
        switch self {
        case .tokenRequired(let host):
            return "refusing to listen on \(host) without a token: anyone who reaches it could read and write "
                + "every incident; pass --token-file F, or listen on 127.0.0.1"
        case .cannotListen(let address, let reason):
            return "cannot listen on \(address): \(reason)"
        case .badListenAddress(let text):
            return "bad listen address '\(text)': use HOST:PORT, such as 127.0.0.1:8080"
        }
    }
}

/// The sync routes under `/v1`, behind the token check when there is a token, each
/// request logged (method, path, status, client, duration) at `requestLogLevel` when given.
public func buildRouter(
    replica: Replica, token: String?, limits: ServerLimits = ServerLimits(), requestLogLevel: Logger.Level? = nil
) -> Router<SyncRequestContext> {
    let router = Router(context: SyncRequestContext.self)
    if let requestLogLevel {
        router.add(middleware: RequestLogMiddleware(level: requestLogLevel))
    }
    router.add(middleware: JSONErrorMiddleware())
    let group = router.group("v1")
    if let token {
        group.add(middleware: BearerTokenMiddleware(token: token))
    }
    group.addRoutes(SyncController(replica: replica, limits: limits).endpoints)
    return router
}

/// The sync server on `host:port`; refuses a non-loopback host without a token.
///
/// Logs each request (method, path, status, client, duration) at `info` to `logger`, so
/// whoever runs the hub sees who synced and who was refused. Run it with `runService()`, which
/// stops gracefully on SIGTERM and SIGINT.
public func buildApplication(
    replica: Replica, host: String, port: Int, token: String?, limits: ServerLimits = ServerLimits(),
    logger: Logger = Logger(label: "incident.serve")
) throws -> some ApplicationProtocol {
    guard token != nil || isLoopback(host) else { throw ServerError.tokenRequired(host: host) }
    return Application(
        router: buildRouter(replica: replica, token: token, limits: limits, requestLogLevel: .info),
        configuration: .init(address: .hostname(host, port: port), serverName: "incident"),
        logger: logger)
}

/// Parses `HOST:PORT` (`[::1]:PORT` for IPv6).
public func parseListenAddress(_ text: String) throws -> (host: String, port: Int) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
        (0...65535).contains(port)
    else { throw ServerError.badListenAddress(text) }
    var host = String(text[..<colon])
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else { throw ServerError.badListenAddress(text) }
    return (host, port)
}

/// Whether `host` is only reachable from this machine.
func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
}

extension ServerError {
    /// Why the server could not listen on `address`, in words (SwiftNIO's text names errno
    /// codes and system calls).
    public static func listening(on address: String, failedWith error: any Error) -> ServerError {
        let text = String(describing: error)
        let reason =
            text.contains("Address already in use")
            ? "the port is in use (another `incident serve`?): stop it, or choose another port"
            : text.contains("Permission denied")
                ? "not permitted (ports below 1024 need privileges): choose a port such as 8080"
                : text.contains("Cannot assign requested address")
                    ? "this machine has no such address: use 127.0.0.1, or one of its own addresses" : text
        return .cannotListen(address, reason: reason)
    }
}
