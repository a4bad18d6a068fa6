package org.portfolio.platform.web.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.portfolio.platform.web.correlation.RequestCorrelation;
import org.portfolio.platform.web.json.BoundedDecimals;
import org.portfolio.platform.web.json.DecimalOutOfBoundsException;
import org.portfolio.platform.web.json.JsonLimits;
import org.portfolio.platform.web.security.TokenRefusal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns every exception that reaches the HTTP layer into an RFC 9457 answer. Client mistakes are 4xx with
 * a stable type (and field errors for validation); anything unexpected is a 500 that names the request id
 * under which the stack trace was logged. No answer ever contains a stack trace.
 */
public class ProblemMappers {

    /** The request being answered: whether its body gave way (SlowBodies), for the line logged when its read fails. */
    @jakarta.inject.Inject
    io.quarkus.vertx.http.runtime.CurrentVertxRequest current;

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int MAX_ECHO = 80;
    /** A service that has not read the clients' status yet usually has within a few seconds of its start. */
    private static final int STATUS_UNKNOWN_RETRY_AFTER_SECONDS = 2;
    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder rb = response(e.type(), e.getMessage(), e.errors(), uri);
        e.headers().forEach(rb::header);
        return rb.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            if (isReturnValue(v.getPropertyPath())) {
                return unexpected(e, uri);
            }
            errors.add(new FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " invalid fields";
        return response(ProblemType.VALIDATION, detail, errors, uri).build();
    }

    // the built-in Quarkus mappers handle some Jackson subtypes; these more specific ones win over them
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    /**
     * What went wrong reading a JSON document, as the field (empty for the document itself) and the rule it broke, never
     * the input's values: for documents a service reads by hand, such as the lines of an NDJSON import.
     */
    public static FieldError describe(JsonProcessingException e) {
        JsonProcessingException parse = parserProblem(e);
        if (parse != null && isDuplicateKey(parse)) {
            return new FieldError(duplicatePath(parse), "appears more than once in its object");
        }
        if (parse != null) {
            return new FieldError("", parse instanceof StreamConstraintsException sce ? limit(sce) : "is not valid JSON");
        }
        if (e instanceof JsonMappingException m) {
            return new FieldError(jsonPath(m), mappingMessage(m));
        }
        return new FieldError("", "could not be read");
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        Optional<Response> refusal = refusalInside(e, uri);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        JsonProcessingException parse = parserProblem(e);
        if (parse != null && isDuplicateKey(parse)) {
            String field = duplicatePath(parse);
            return response(ProblemType.VALIDATION, field + ": appears more than once in its object",
                    List.of(new FieldError(field, "appears more than once in its object")), uri).build();
        }
        if (parse != null) {
            // the parser's own message quotes the input it choked on (a student id, say): only where, and which limit
            String where = parse.getLocation() == null ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
            String why = parse instanceof StreamConstraintsException sce ? limit(sce) : "is not valid JSON";
            return response(ProblemType.MALFORMED_BODY, "The request body " + why + where, List.of(), uri).build();
        }
        if (e instanceof JsonMappingException m) {
            String field = jsonPath(m);
            String message = mappingMessage(m);
            List<FieldError> errors = List.of(new FieldError(field.isEmpty() ? "body" : field, message));
            return response(ProblemType.VALIDATION, (field.isEmpty() ? "body" : field) + ": " + message, errors, uri).build();
        }
        return response(ProblemType.MALFORMED_BODY, "The request body could not be read", List.of(), uri).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return response(ProblemType.UNAUTHORIZED, "A valid bearer token is required", List.of(), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        Optional<TokenRefusal> refusal = TokenRefusal.of(e);
        if (refusal.isPresent() && refusal.get().kind() == TokenRefusal.Kind.STATUS_UNKNOWN) {
            return response(ProblemType.SERVICE_UNAVAILABLE, "The service cannot check bearer tokens yet: "
                    + refusal.get().reason() + "; retry shortly", List.of(), uri)
                    .header(HttpHeaders.RETRY_AFTER, STATUS_UNKNOWN_RETRY_AFTER_SECONDS).build();
        }
        String detail = refusal.map(r -> "The bearer token was refused: " + r.reason())
                .orElse("The bearer token is missing, expired or invalid");
        return response(ProblemType.UNAUTHORIZED, detail, List.of(), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return response(ProblemType.FORBIDDEN, "Your roles do not allow this operation", List.of(), uri).build();
    }

    /**
     * A body limit's refusal, thrown while Jackson read the body (counting the bytes as they are read), comes back
     * wrapped in the JsonMappingException of the field being read: a 1.5 MB body answered 400 "zones[N]: is not valid"
     * instead of its 413 (ninth pass; performance-service had its own mappers for this, now these). That refusal, wrapped
     * or not, is the answer, closing the connection (a service's, which HTTP/1.1 reaches: the rest of the refused body is
     * never read); any other keeps the wrapper's, with its field.
     */
    private Optional<Response> refusalInside(Throwable e, UriInfo uri) {
        // from the exception itself: a refusal read by a reader other than Jackson (a String body, e.g. Ed-Fi's) comes
        // unwrapped, and once refused the body is left unread, so it too must close the connection (tenth pass)
        Throwable t = e;
        for (int i = 0; i < 20 && t != null; i++, t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException p && (p.type().status() == 413 || p.type().status() == 503)) {
                // 503: the body budget's refusal while the body was read (BodyBudget.OverBudget)
                return Optional.of(problem(p, uri));
            }
            if (t instanceof WebApplicationException w && w.getResponse() != null && w.getResponse().getStatus() == 413) {
                // the unread rest of the body must not be taken for the next request (as BodySizeLimit's length check)
                return Optional.of(response(ProblemType.PAYLOAD_TOO_LARGE, w.getMessage(), List.of(), uri)
                        .header("Connection", "close").build());
            }
            if (t instanceof java.io.IOException && "Request too large".equals(t.getMessage()) && readingTheRequestBody(t)) {
                // the server's body limit met by a body of unknown length (chunked) while it was read: the caller's
                // doing, not an ERROR with a 40-line trace that any client with a token could repeat (twenty-fourth pass)
                return Optional.of(response(ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body is larger than the service takes", List.of(), uri).header("Connection", "close").build());
            }
        }
        return Optional.empty();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Optional<Response> refusal = refusalInside(e, uri);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Optional<Throwable> jsonCause = cause(e, "JsonParseException", "StreamConstraintsException",
                "MismatchedInputException", "InvalidFormatException", "ValueInstantiationException",
                "UnrecognizedPropertyException", "JsonMappingException", "JsonEOFException");
        if (jsonCause.isPresent() && jsonCause.get() instanceof JsonProcessingException jpe) {
            return json(jpe, uri);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Optional<String> badQuery = unconvertibleQueryParameter(e, uri);
        if (badQuery.isPresent()) {
            String field = badQuery.get();
            return response(ProblemType.VALIDATION, field + ": not a valid value for this parameter",
                    List.of(new FieldError(field, "not a valid value for this parameter")), uri).build();
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> e instanceof NotFoundException && e.getMessage() != null && e.getMessage().startsWith("HTTP 404")
                    ? "No resource at " + uri.getPath() : Optional.ofNullable(e.getMessage()).orElse("Not found");
            case 405 -> "Method not allowed on " + uri.getPath();
            case 406 -> "None of the accepted media types can be produced";
            case 415 -> "Unsupported Content-Type for " + uri.getPath();
            default -> Optional.ofNullable(e.getMessage()).filter(m -> !m.startsWith("HTTP ")).orElse(type.title());
        };
        Response.ResponseBuilder rb = response(type, detail, List.of(), uri);
        if (e instanceof NotAllowedException && original != null && !original.getAllowedMethods().isEmpty()) {
            rb.allow(original.getAllowedMethods());
        }
        return rb.build();
    }

    /**
     * JAX-RS answers 404 when a query (or path) parameter cannot be converted to its type; for a query parameter that
     * is a malformed request (400), not a missing resource. The converter's message quotes the value, which names the
     * parameter; a value found in the path instead (a malformed id) stays 404.
     */
    static Optional<String> unconvertibleQueryParameter(WebApplicationException e, UriInfo uri) {
        if (!(e instanceof NotFoundException) || e.getCause() == null || e.getCause() instanceof WebApplicationException
                || uri == null || e.getCause().getMessage() == null) {
            return Optional.empty();
        }
        String message = e.getCause().getMessage();
        for (var param : uri.getQueryParameters().entrySet()) {
            for (String value : param.getValue()) {
                if (!value.isEmpty() && message.contains(value) && !uri.getPath().contains(value)) {
                    return Optional.of(param.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** What reading a body throws when its connection closed first (Vert.x's, or Netty's on a closed channel). */
    private static final String[] CONNECTION_CLOSED = {"HttpClosedException", "ClosedChannelException",
            "StacklessClosedChannelException"};

    /**
     * Whether the failure came from reading the request's body (RESTEasy's input stream over Vert.x's request): only
     * then is a closed connection the client's. One the service's own outgoing calls meet is its own failure, and stays
     * a 500 (hostile review, sixteenth pass).
     */
    private static boolean readingTheRequestBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("org.jboss.resteasy.reactive.server.vertx.VertxInputStream")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SQLStates of a value out of the range a column holds: string too long, numeric out of range, datetime format or
     * overflow; and text it cannot hold (22021 a NUL, 22P05 a NUL escaped in JSON): a parameter the filters did not see. */
    private static final java.util.Set<String> VALUE_OUT_OF_RANGE = java.util.Set.of("22001", "22003", "22007", "22008", "22021", "22P05");

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<Response> refusal = refusalInside(e, uri);
        if (refusal.isPresent()) {
            // a body limit's or the body budget's refusal, wrapped by a reader that is not Jackson
            return refusal.get();
        }
        if (cause(e, CONNECTION_CLOSED).isPresent() && readingTheRequestBody(e)) {
            // the client hung up before its body was whole (its own timeout, a proxy giving up, the body deadline's
            // close): nothing for an operator to act on, and no one reads the answer (sixteenth pass: was an ERROR
            // with a 60-line trace, free for any caller to repeat). Its body is not written on the closed connection, nor
            // over an answer already sent in front of RESTEasy (the gateway's 408): AnsweredAlready
            String path = uri == null ? "?" : org.portfolio.platform.web.http.LoggedPaths.of(uri.getPath());
            if (org.portfolio.platform.web.http.BodyBudget.gaveWay(current == null ? null : current.getCurrent())) {
                // the service closed it: a slow body gave way to one that did not fit (SlowBodies, twenty-fifth pass:
                // this said "the client closed the connection")
                LOG.infof("A slow request body gave way to one that did not fit on %s: answered 503, its read ended"
                        + " (requestId=%s)", path, RequestCorrelation.requestId());
            } else {
                LOG.infof("The client closed the connection before its request body was read on %s (requestId=%s)",
                        path, RequestCorrelation.requestId());
            }
            return response(ProblemType.MALFORMED_BODY, "The request body ended before it was whole", List.of(), uri)
                    .header("Connection", "close").build();
        }
        Optional<Throwable> lock = cause(e, "OptimisticLockException", "StaleObjectStateException", "StaleStateException");
        if (lock.isPresent()) {
            // one line, masked, for a lost race (Narayana's own WARN with the entity's id is dropped: AnsweredElsewhere)
            LOG.warnf("Concurrent change on %s refused with 409 (%s, requestId=%s)",
                    uri == null ? "?" : org.portfolio.platform.web.http.LoggedPaths.of(uri.getPath()),
                    lock.get().getClass().getSimpleName(), RequestCorrelation.requestId());
            return response(ProblemType.CONCURRENT_MODIFICATION,
                    "The resource was changed by someone else; read it again and retry", List.of(), uri).build();
        }
        Optional<Throwable> violation = cause(e, "ConstraintViolationException");
        if (violation.isPresent() && violation.get() instanceof ConstraintViolationException cve) {
            return constraintViolation(cve, uri);
        }
        String sqlState = sqlState(e);
        if (sqlState != null && (sqlState.equals("23505") || sqlState.equals("40001") || sqlState.equals("40P01")
                || sqlState.equals("55P03"))) {
            // a race the service's own checks could not see: two requests created the same key, or the database
            // chose one of two concurrent transactions. The client's retry gets the regular answer (e.g. 409 duplicate).
            LOG.warnf("Concurrent change on %s refused with 409 (SQLState %s, requestId=%s)",
                    uri == null ? "?" : org.portfolio.platform.web.http.LoggedPaths.of(uri.getPath()), sqlState, RequestCorrelation.requestId());
            Optional<ProblemType> declared = sqlState.equals("23505") ? UniqueKeyProblems.of(e) : Optional.empty();
            if (declared.isPresent()) {
                // the same problem the service's own check answers, when the same value came twice at the same moment
                return response(declared.get(), "Another request took the same value at the same moment: "
                        + declared.get().title(), List.of(), uri).build();
            }
            return response(sqlState.equals("23505") ? ProblemType.CONFLICT : ProblemType.CONCURRENT_MODIFICATION,
                    "Another request changed the same data at the same moment; read it again and retry", List.of(), uri)
                    .build();
        }
        if ((sqlState != null && VALUE_OUT_OF_RANGE.contains(sqlState)) || cause(e, "DateTimeException").isPresent()) {
            // a value the service's own checks let through and the database (a text longer than its column, a number or
            // date out of range) or java.time refused: the request's value, answered 400, not 500 (hostile reviews of
            // 2026-12-05, third pass). Logged as an error all the same: a check is missing where it came from. Other
            // data exceptions (division by zero, a cast the server built) stay 500.
            LOG.errorf("A value out of range refused with 400 on %s: %s (requestId=%s); a check is missing",
                    uri == null ? "?" : org.portfolio.platform.web.http.LoggedPaths.of(uri.getPath()), rootSummary(e), RequestCorrelation.requestId());
            return response(ProblemType.VALIDATION, "A value of the request is out of the range the service can keep "
                    + "(a text too long, a number too large or a date out of range); nothing was changed", List.of(), uri).build();
        }
        Optional<String> unavailable = DatabaseUnavailable.reason(e);
        if (unavailable.isPresent()) {
            // not the request's fault: the database is down, restarting, out of connections, or the pool had none free
            LOG.warnf("Answered 503 on %s: %s (%s, requestId=%s)", uri == null ? "?" : org.portfolio.platform.web.http.LoggedPaths.of(uri.getPath()), unavailable.get(),
                    rootSummary(e), RequestCorrelation.requestId());
            return response(ProblemType.SERVICE_UNAVAILABLE, "The service's database is unavailable or busy; retry after "
                    + DATABASE_RETRY_AFTER_SECONDS + " s", List.of(), uri)
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS).build();
        }
        String requestId = RequestCorrelation.requestId();
        LOG.errorf(org.portfolio.platform.web.http.LoggedErrors.of(e), "Unexpected error on %s (requestId=%s)", uri == null ? "?" : org.portfolio.platform.web.http.LoggedPaths.of(uri.getPath()), requestId);
        return response(ProblemType.INTERNAL,
                "An unexpected error occurred; quote request id " + requestId + " when reporting it", List.of(), uri)
                .build();
    }

    public static Response.ResponseBuilder response(ProblemType type, String detail, List<FieldError> errors, UriInfo uri) {
        Problem body = new Problem(type.uri(), type.title(), type.status(), detail,
                uri == null ? null : text(uri.getPath()), RequestCorrelation.requestId(), errors);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(body);
    }

    /**
     * The path as the answer's instance, a NUL or an unpaired surrogate in it replaced (U+FFFD): a refused path parameter
     * is not echoed back as it came (hostile read of the twenty-fourth pass, T2).
     */
    static String text(String path) {
        if (path == null || org.portfolio.platform.web.json.StrictStrings.acceptable(path)) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1));
            if (pair) {
                out.append(c).append(path.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The innermost cause's class and SQL state, for the log: never its message, which may quote a row's values. */
    static String rootSummary(Throwable e) {
        Throwable root = e;
        for (int i = 0; i < 20 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        String state = sqlState(e);
        return root.getClass().getSimpleName() + (state == null ? "" : " SQLState " + state);
    }

    /** The SQLState of the first {@link java.sql.SQLException} in the cause chain, or null. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Optional<Throwable> cause(Throwable e, String... simpleNames) {
        List<String> names = Arrays.asList(simpleNames);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (names.contains(t.getClass().getSimpleName())) {
                return Optional.of(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node n : path) {
            if (n.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** {@code create.request.benchmarks[1].target} → {@code benchmarks[1].target}; a plain parameter keeps its name. */
    static String fieldName(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder sb = new StringBuilder();
        String lastParameter = null;
        for (Path.Node n : nodes) {
            switch (n.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> { }
                case PARAMETER -> lastParameter = n.getName();
                case BEAN -> { }
                default -> {
                    // a node inside a container carries the element's index: it belongs to the parent segment
                    if (n.isInIterable()) {
                        if (n.getIndex() != null) {
                            sb.append('[').append(n.getIndex()).append(']');
                        } else if (n.getKey() != null) {
                            sb.append('[').append(n.getKey()).append(']');
                        }
                    }
                    if (n.getName() != null && !n.getName().startsWith("<")) {
                        if (!sb.isEmpty()) {
                            sb.append('.');
                        }
                        sb.append(n.getName());
                    }
                }
            }
        }
        if (sb.isEmpty()) {
            return lastParameter == null ? "body" : lastParameter;
        }
        return sb.toString();
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * The parser's exception behind a JSON problem: the exception itself, or the one Jackson's data binding wrapped
     * with the path of the property it was reading; null for a data binding problem (wrong type, unknown field …).
     */
    static JsonProcessingException parserProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException || t instanceof JsonParseException) {
                return (JsonProcessingException) t;
            }
            if (!(t instanceof JsonProcessingException)) {
                return null;
            }
        }
        return null;
    }

    /** Jackson's STRICT_DUPLICATE_DETECTION ("Duplicate field 'x'" / "Duplicate Object property \"x\""). */
    static boolean isDuplicateKey(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return e instanceof JsonParseException && m != null && m.startsWith("Duplicate ")
                && e.getProcessor() instanceof JsonParser;
    }

    /** {@code readings[1].value}: where the repeated key is, from the parser's context (names truncated). */
    static String duplicatePath(JsonProcessingException e) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = ((JsonParser) e.getProcessor()).getParsingContext(); c != null && !c.inRoot();
             c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + truncate(c.getCurrentName()));
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "body" : path;
    }

    /** Which parser limit a body broke, in words (Jackson's message names the limit and the length, not the input). */
    static String limit(StreamConstraintsException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Number")) {
            return "has a number longer than " + JsonLimits.MAX_NUMBER_LENGTH + " characters";
        }
        if (m.startsWith("Name")) {
            return "has a field name longer than " + JsonLimits.MAX_NAME_LENGTH + " characters";
        }
        if (m.startsWith("String")) {
            return "has a string value longer than " + JsonLimits.MAX_STRING_LENGTH + " characters";
        }
        if (m.contains("nesting depth")) {
            return "is nested deeper than " + JsonLimits.MAX_NESTING_DEPTH + " levels";
        }
        return "exceeds the parser's limits";
    }

    private static String mappingMessage(JsonMappingException e) {
        if (e instanceof DecimalOutOfBoundsException) {
            return BoundedDecimals.RULE;
        }
        if (e instanceof org.portfolio.platform.web.json.UnacceptableTextException) {
            return org.portfolio.platform.web.json.UnacceptableTextException.RULE;
        }
        if (e instanceof org.portfolio.platform.web.json.BoundedLists.TooManyItemsException t) {
            return t.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of " + Arrays.toString(target.getEnumConstants());
            }
            // never the value: it may be a child's name or birth date (docs/security.md, T17)
            return "must be a valid " + typeName(target);
        }
        if (e instanceof InvalidTypeIdException) {
            return "has an unknown type";
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() == null ? v : v.getCause();
            return cause.getMessage() == null ? "is not valid" : truncate(cause.getMessage());
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> target = m.getTargetType();
            if (target == null) {
                return "has the wrong type";
            }
            if (target.isEnum()) {
                return "must be one of " + Arrays.toString(target.getEnumConstants());
            }
            return "must be " + article(typeName(target));
        }
        return "is not valid";
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || type == java.math.BigDecimal.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (type == java.time.LocalDate.class) {
            return "date (YYYY-MM-DD)";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "timestamp with a UTC offset (ISO-8601, e.g. 2026-09-01T17:00:00Z)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        return type.getSimpleName();
    }

    private static String article(String noun) {
        return ("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "…";
    }
}
