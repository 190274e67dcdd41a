import Hummingbird
import Logging

/// Logs each request when it is answered: method, path, status, client and duration
/// (`POST /v1/push 200 from 10.0.0.7 in 12.4 ms`), so whoever runs the hub sees who
/// synced, who was refused and what was slow.
struct RequestLogMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        func log(_ status: HTTPResponse.Status) {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            let client = context.remoteAddress?.ipAddress ?? "an unknown address"
            let tenths = (milliseconds * 10).rounded() / 10
            context.logger.log(
                level: level, "\(request.method) \(request.uri.path) \(status.code) from \(client) in \(tenths) ms")
        }
        do {
            let response = try await next(request, context)
            log(response.status)
            return response
        } catch let error as any HTTPResponseError {
            log(error.status)
            throw error
        } catch {
            log(.internalServerError)
            throw error
        }
    }
}
