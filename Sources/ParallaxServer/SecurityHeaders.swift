import HTTPTypes
import Hummingbird
import NIOCore

/// Headers every answer carries: no script, frame or external origin (the pages have no script at all), no
/// sniffing, no referrer, no framing; and a request id to find a request in the logs.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    /// The dossier page's policy, with forms allowed back to this server (search) and framing refused.
    static var policy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    /// The policy for a page with a script of its own: that script (by nonce) runs, and may fetch from this server.
    static func policy(nonce: String) -> String {
        policy + "; script-src 'nonce-\(nonce)'; connect-src 'self'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response(html: Pages.wantsHTML(request))
        } catch let error as NIOTooManyBytesError {
            // A body longer than its route reads (the declared length was within the server's limit, or absent).
            response = APIError(.contentTooLarge, "the body is over \(error.maxBytes.map { "\($0) bytes" } ?? "the limit"), the most this accepts",
                                code: "api.too-large").response(html: Pages.wantsHTML(request))
        } catch let error as HTTPError {
            response = APIError(error.status, error.body ?? error.status.reasonPhrase).response(html: Pages.wantsHTML(request))
        } catch {
            // A store error or a bug: logged with the request id, answered without its details.
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            response = APIError(.internalServerError, "the server could not answer (request \(context.id))",
                                code: "server.internal").response(html: Pages.wantsHTML(request))
        }
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.policy }
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
    /// Uploads (`POST /api/v1/documents`) may be larger.
    let maxUpload: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = request.uri.path == "/api/v1/documents" ? maxUpload : maxBody
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, "the body is \(length) bytes; at most \(limit) are accepted")
        }
        return try await next(request, context)
    }
}
