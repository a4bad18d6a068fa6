package org.portfolio.platform.web.problem;

/**
 * The stable problem types of the suite. The URI never changes once published; clients may switch on it.
 * Services add their own domain-specific types with {@link #custom(String, String, int)}.
 */
public record ProblemType(String uri, String title, int status) {

    private static final String PREFIX = "urn:portfolio:problem:";

    public static final ProblemType VALIDATION = of("validation", "Invalid request", 400);
    public static final ProblemType MALFORMED_BODY = of("malformed-body", "Malformed request body", 400);
    public static final ProblemType BAD_REQUEST = of("bad-request", "Bad request", 400);
    public static final ProblemType UNAUTHORIZED = of("unauthorized", "Authentication required", 401);
    public static final ProblemType FORBIDDEN = of("forbidden", "Not allowed", 403);
    public static final ProblemType NOT_FOUND = of("not-found", "Not found", 404);
    public static final ProblemType METHOD_NOT_ALLOWED = of("method-not-allowed", "Method not allowed", 405);
    public static final ProblemType NOT_ACCEPTABLE = of("not-acceptable", "Not acceptable", 406);
    public static final ProblemType REQUEST_TIMEOUT = of("request-timeout", "Request body too slow", 408);
    public static final ProblemType CONFLICT = of("conflict", "Conflict with the current state", 409);
    public static final ProblemType CONCURRENT_MODIFICATION = of("concurrent-modification", "Modified concurrently", 409);
    public static final ProblemType PRECONDITION_FAILED = of("precondition-failed", "Precondition failed", 412);
    public static final ProblemType PAYLOAD_TOO_LARGE = of("payload-too-large", "Payload too large", 413);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type", "Unsupported media type", 415);
    public static final ProblemType URI_TOO_LONG = of("uri-too-long", "Request target too long", 414);
    public static final ProblemType UNPROCESSABLE = of("unprocessable", "Request cannot be applied", 422);
    public static final ProblemType PRECONDITION_REQUIRED = of("precondition-required", "Precondition required", 428);
    public static final ProblemType RATE_LIMITED = of("rate-limited", "Too many requests", 429);
    public static final ProblemType HEADERS_TOO_LARGE = of("headers-too-large", "Request header fields too large", 431);
    public static final ProblemType INTERNAL = of("internal", "Internal error", 500);
    public static final ProblemType BAD_GATEWAY = of("bad-gateway", "Upstream service failed", 502);
    public static final ProblemType SERVICE_UNAVAILABLE = of("service-unavailable", "Service unavailable", 503);
    public static final ProblemType GATEWAY_TIMEOUT = of("gateway-timeout", "Upstream service timed out", 504);

    public static ProblemType custom(String slug, String title, int status) {
        return of(slug, title, status);
    }

    /** The generic type for an HTTP status that has no more specific one. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 428 -> PRECONDITION_REQUIRED;
            case 429 -> RATE_LIMITED;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL : of("http-" + status, "HTTP " + status, status);
        };
    }

    private static ProblemType of(String slug, String title, int status) {
        return new ProblemType(PREFIX + slug, title, status);
    }
}
