import Crypto
import Foundation
import Hummingbird

/// Refuses any request without `Authorization: Bearer <token>` (401, nothing read or written).
///
/// The comparison takes the same time wherever the tokens differ: both sides are
/// hashed, and the digests compared without an early exit.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let expectedDigest: [UInt8]

    init(token: String) {
        expectedDigest = Array(SHA256.hash(data: Data(token.utf8)))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        let given = header.hasPrefix(prefix) ? String(header.dropFirst(prefix.count)) : ""
        let givenDigest = SHA256.hash(data: Data(given.utf8))
        var difference: UInt8 = 0
        for (a, b) in zip(givenDigest, expectedDigest) { difference |= a ^ b }
        guard difference == 0, !given.isEmpty else {
            throw HTTPError(
                .unauthorized,
                message: "missing or wrong token: set INCIDENT_TOKEN or `incident remote add NAME URL --token-file F`")
        }
        return try await next(request, context)
    }
}
