import Foundation
import Hummingbird

/// Lets a browser in with the hub's token: as HTTP Basic's password (any user name), which
/// the browser asks for after a 401 naming the realm, or as a bearer token for scripts.
struct PageAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let check: TokenCheck

    init(token: String) {
        check = TokenCheck(token: token)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard check.matches(Self.token(in: request.headers[.authorization] ?? "")) else {
            return Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: #"Basic realm="incident", charset="UTF-8""#, .contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: "the hub's token is the password; any user name\n")))
        }
        return try await next(request, context)
    }

    /// The token in an `Authorization` header: a bearer token, or Basic's password.
    static func token(in header: String) -> String {
        if header.hasPrefix("Bearer ") { return String(header.dropFirst("Bearer ".count)) }
        guard header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst("Basic ".count))),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else { return "" }
        return String(pair[pair.index(after: colon)...])
    }
}
