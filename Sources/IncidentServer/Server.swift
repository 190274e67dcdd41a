import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import IncidentCore
import IncidentStore
import IncidentSync
import Logging
import NIOSSL

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

/// The server's certificate chain and private key, as PEM files.
public struct TLSFiles: Sendable, Equatable {
    public var certificate: String
    public var key: String

    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }

    /// The server side of TLS with this chain and key.
    ///
    /// - Throws: `ServerError.badTLSFiles` naming the file that cannot be read.
    func serverConfiguration() throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        let privateKey: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate)
        } catch {
            throw ServerError.badTLSFiles(certificate, reason: "not a PEM certificate")
        }
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw ServerError.badTLSFiles(key, reason: "not a PEM private key")
        }
        guard !chain.isEmpty else { throw ServerError.badTLSFiles(certificate, reason: "it holds no certificate") }
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
    }
}

/// What the server refuses at start.
public enum ServerError: ActionableError, Equatable {
    case tokenRequired(host: String)
    case tlsRequired(host: String)
    case badTLSFiles(String, reason: String)
    case cannotListen(String, reason: String)

    public var description: String {
        switch self {
        case .tokenRequired(let host):
            return "refusing to listen on \(host) without a token: anyone who reaches it could read and write "
                + "every incident; pass --token-file F, or listen on 127.0.0.1"
        case .tlsRequired(let host):
            return "refusing to listen on \(host) over plain HTTP: the token and every incident would cross the "
                + "network in clear; pass --tls-cert F --tls-key F, or say --insecure-http"
        case .badTLSFiles(let path, let reason):
            return "cannot use '\(path)' for TLS (\(reason)): give the PEM files of the certificate chain and its key"
        case .cannotListen(let address, let reason):
            return "cannot listen on \(address): \(reason)"
        }
    }
}

/// The sync routes under `/v1` and the timeline pages (`/`, `/incidents/ID`), behind the
/// token check when there is a token (the pages also take it as HTTP Basic's password, which
/// a browser asks for), each request logged (method, path, status, client, duration) at
/// `requestLogLevel` when given.
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
    let pages = router.group()
    if let token {
        pages.add(middleware: PageAuthMiddleware(token: token))
    }
    pages.addRoutes(PageController(replica: replica).endpoints)
    return router
}

/// The sync server on `host:port`, over TLS with `tls`; refuses a non-loopback host
/// without a token, or without TLS unless `insecureHTTP`.
///
/// Logs each request (method, path, status, client, duration) at `info` to `logger`, so
/// whoever runs the hub sees who synced and who was refused. Run it with `runService()`, which
/// stops gracefully on SIGTERM and SIGINT.
public func buildApplication(
    replica: Replica, host: String, port: Int, token: String?, tls: TLSFiles? = nil, insecureHTTP: Bool = false,
    limits: ServerLimits = ServerLimits(), logger: Logger = Logger(label: "incident.serve")
) throws -> some ApplicationProtocol {
    let loopback = HTTPAddress.isLoopback(host)
    guard token != nil || loopback else { throw ServerError.tokenRequired(host: host) }
    guard tls != nil || insecureHTTP || loopback else { throw ServerError.tlsRequired(host: host) }
    let server: HTTPServerBuilder =
        try tls.map { try .tls(.http1(), tlsConfiguration: $0.serverConfiguration()) }
        ?? .http1()
    return Application(
        router: buildRouter(replica: replica, token: token, limits: limits, requestLogLevel: .info),
        server: server, configuration: .init(address: .hostname(host, port: port), serverName: "incident"),
        logger: logger)
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
