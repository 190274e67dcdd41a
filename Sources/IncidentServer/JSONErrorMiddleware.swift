import Hummingbird
import IncidentStore
import Logging

/// Gives every error an answer a client can show: JSON with a message
/// (`{"error":{"message":...}}`), never an empty body, never a server-side path.
///
/// Errors the handlers name pass through; a replica another process holds locked
/// past the busy timeout is 503, try again; an unknown route 404 with the routes that
/// exist; anything else 500, logged here with its detail and answered without it.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.body != nil {
            throw error
        } catch let error as HTTPError where error.status == .notFound {
            throw HTTPError(.notFound, message: "no such route: the sync routes are POST /v1/pull and POST /v1/push")
        } catch let error as HTTPError {
            throw HTTPError(error.status, message: error.status.reasonPhrase)
        } catch  where StoreError.isReplicaBusy(error) {
            throw HTTPError(
                .serviceUnavailable, message: "the hub's replica is busy (another process is writing it): try again")
        } catch let error as StoreError {
            context.logger.error("replica error: \(error)")
            throw HTTPError(.serviceUnavailable, message: "the hub's replica could not be used; try again later")
        } catch {
            context.logger.error("unexpected error: \(error)")
            throw HTTPError(
                .internalServerError, message: "the hub failed to answer; its log says why; try again later")
        }
    }
}
