import Hummingbird

/// Refuses any request without `Authorization: Bearer <token>` (401, nothing read or written).
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let check: TokenCheck

    init(token: String) {
        check = TokenCheck(token: token)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), check.matches(String(header.dropFirst(prefix.count))) else {
            throw HubError.unauthorized
        }
        return try await next(request, context)
    }
}
