import Hummingbird
import IncidentStore
import Logging

/// Gives every error a `HubError` answer: JSON with a message, never an empty body, never
/// a server-side path.
///
/// `HubError`s pass through; the framework's own (an unknown route, a wrong method) take its
/// shape; a replica another process holds locked past the busy timeout is 503, try again;
/// anything else 500, logged here with its detail and answered without it.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HubError {
            throw error
        } catch let error as HTTPError {
            throw HubError.from(error)
        } catch  where StoreError.isReplicaBusy(error) {
            throw HubError.busy
        } catch let error as StoreError {
            context.logger.error("replica error: \(error)")
            throw HubError.replicaUnusable
        } catch {
            context.logger.error("unexpected error: \(error)")
            throw HubError.failed
        }
    }
}
