import HTTPTypes
import Hummingbird
import ParallaxAnalysis

/// Headers every answer carries: no script, frame or external origin (the pages have no script at all), no
/// sniffing, no referrer, no framing; and a request id to find a request in the logs.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response(html: Pages.wantsHTML(request))
        } catch let error as HTTPError {
            response = APIError(error.status, error.body ?? error.status.reasonPhrase).response(html: Pages.wantsHTML(request))
        }
        response.headers[.contentSecurityPolicy] = DossierReport.policy + "; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("X-Request-Id")!] = context.id
        return response
    }
}

/// Refuses bodies over the limit before they are read (by their declared length; a streamed body is cut when read).
struct RequestLimits<Context: RequestContext>: RouterMiddleware {
    let maxBody: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBody {
            throw APIError(.contentTooLarge, "the body is \(length) bytes; at most \(maxBody) are accepted")
        }
        return try await next(request, context)
    }
}
