package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The error answers of every operation, declared once (issue 12): an OpenAPI filter that gives each operation the
 * problem+json responses it can really produce, with a description of that operation's own case, instead of
 * repeating {@code @APIResponse} lines in every resource.
 *
 * <ul>
 *   <li>400 — parameters or a body that are malformed or invalid (names them);</li>
 *   <li>401, 403 — secured operations (403 names the roles the operation admits, and the school scope); 401 also on
 *   public ones, for a bearer token that is sent but not valid;</li>
 *   <li>404 — operations with path parameters (names the resource);</li>
 *   <li>409 — every write (a concurrent change, or a state that forbids it);</li>
 *   <li>412 — operations that take {@code If-Match};</li>
 *   <li>413, 415, 422 — operations with a body (size, media types, domain rules);</li>
 *   <li>503 — every operation whose service's database cannot serve it now (DatabaseUnavailable); secured operations
 *   also while the service cannot check tokens yet (starting up); operations with a body also while the service reads
 *   as many large bodies as it takes at once (BodyBudget).</li>
 * </ul>
 * Quarkus's own generic answers ("Not Authorized", "Not Allowed", "Bad Request") count as not declared: they get the
 * operation's description. A status an operation already declares keeps its own description (an {@code @APIResponse} saying exactly when a
 * 409 happens wins) and gets the problem+json body if it had none. An operation that declares an error answer in
 * another format (the OAuth2 token endpoint's RFC 6749 §5.2 errors, {@code application/json}) speaks that format:
 * it gets no generic entry, only the problem+json body for the error answers it declares without one.
 */
public class ProblemResponses implements OASFilter {

    /**
     * An operation's extension saying it changes nothing though its method is not GET (a search whose criteria go in a
     * body, out of logged URLs): it gets no 409 and no 422, which it never answers (hostile review, sixteenth pass).
     */
    public static final String READS_ONLY = "x-portfolio-reads-only";

    public static final String PROBLEM = "application/problem+json";
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Set<String> SCOPED = Set.of("SCHOOL_LEADER", "SIS");
    /** The answers Quarkus adds by itself to secured operations and to those with a body: not declared by anyone. */
    private static final Set<String> GENERATED = Set.of("Bad Request", "Not Authorized", "Not Allowed");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        ensureProblemSchema(api);
        Vocabulary.declare(api);
        RefSiblings.clean(api);
        PatternBounds.apply(api);
        UniqueItems.drop(api);
        ParameterOrder.apply(api);
        ResourceHeaders.declare(api);
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> p : api.getPaths().getPathItems().entrySet()) {
            PathItem item = p.getValue();
            for (Map.Entry<PathItem.HttpMethod, Operation> o : item.getOperations().entrySet()) {
                declare(p.getKey(), o.getKey(), o.getValue(), item.getParameters());
            }
        }
    }

    void declare(String path, PathItem.HttpMethod method, Operation op, List<Parameter> pathLevel) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        List<Parameter> params = new ArrayList<>();
        if (pathLevel != null) {
            params.addAll(pathLevel);
        }
        if (op.getParameters() != null) {
            params.addAll(op.getParameters());
        }
        if (ownErrorFormat(responses)) {
            problemBodies(responses);
            return;
        }
        boolean body = op.getRequestBody() != null;
        boolean readsOnly = op.getExtensions() != null && Boolean.TRUE.equals(op.getExtensions().get(READS_ONLY));
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
                && method != PathItem.HttpMethod.OPTIONS && !readsOnly;
        Set<String> roles = roles(op);

        List<String> named = params.stream().filter(x -> x.getIn() != Parameter.In.HEADER && x.getIn() != Parameter.In.COOKIE)
                .map(Parameter::getName).toList();
        if (!named.isEmpty() || body) {
            List<String> what = new ArrayList<>(named);
            if (body) {
                what.add("body");
            }
            add(responses, "400", "Malformed or invalid " + String.join(", ", what)
                    + " (problem+json; field errors in errors[])");
        }
        // a body over 64 KB that does not fit beside the ones being read (platform-web's BodyBudget)
        String busy = body ? ", or it is reading as many large request bodies as it takes at once" : "";
        if (roles != null) {
            add(responses, "401", "No valid bearer token: missing, expired, forged, or of a disabled or rotated client");
            add(responses, "403", forbidden(roles));
            add(responses, "503", "The service cannot check tokens yet (it is starting and has not caught up with the "
                    + "gateway's client changes), or its database is unavailable or busy" + busy + "; retry after Retry-After");
        } else {
            // public, and saying so (security: []): an operation without the field reads as "not thought about" to
            // linters (Redocly's security-defined, fourteenth pass)
            op.setSecurity(new ArrayList<>());
            // a public operation still checks a token that is sent: a bad one is refused, not ignored
            add(responses, "401", "This operation needs no token, but the bearer token sent is not valid (expired, "
                    + "forged, or of a disabled or rotated client): send none, or a valid one");
            add(responses, "503", "The service's database is unavailable or busy" + busy + "; retry after Retry-After");
        }
        List<String> pathParams = params.stream().filter(x -> x.getIn() == Parameter.In.PATH).map(Parameter::getName).toList();
        if (!pathParams.isEmpty()) {
            add(responses, "404", "No " + resource(path) + " with this " + String.join(" and ", pathParams));
        }
        if (write) {
            add(responses, "409", "The change conflicts with the current state or with a concurrent change; reload and retry");
        }
        if (params.stream().anyMatch(x -> x.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(x.getName()))) {
            add(responses, "412", "If-Match does not name the current version (ETag): reload and retry");
        }
        if (body) {
            add(responses, "413", "The body exceeds the size limit of this operation");
            Content content = op.getRequestBody().getContent();
            Set<String> types = content == null || content.getMediaTypes() == null ? Set.of() : content.getMediaTypes().keySet();
            add(responses, "415", "Content-Type is not " + (types.isEmpty() ? "supported" : String.join(" or ", types)));
            if (!readsOnly) {
                add(responses, "422", "The request is well-formed but breaks a rule of the domain (the detail says which)");
            }
        }
        problemBodies(responses);
    }

    /** Any 4xx/5xx declared without a body gets the problem+json one. */
    private static void problemBodies(APIResponses responses) {
        if (responses.getAPIResponses() != null) {
            for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
                if (isError(r.getKey()) && r.getValue().getRef() == null && (r.getValue().getContent() == null
                        || r.getValue().getContent().getMediaTypes() == null || r.getValue().getContent().getMediaTypes().isEmpty())) {
                    r.getValue().setContent(problemContent());
                }
            }
        }
    }

    /** True if the operation declares a 4xx answer whose body is not problem+json (it answers errors in its own format). */
    static boolean ownErrorFormat(APIResponses responses) {
        if (responses.getAPIResponses() == null) {
            return false;
        }
        for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
            Content c = r.getValue().getContent();
            if (r.getKey().startsWith("4") && c != null && c.getMediaTypes() != null && !c.getMediaTypes().isEmpty()
                    && !c.getMediaTypes().containsKey(PROBLEM)) {
                return true;
            }
        }
        return false;
    }

    /** The roles of a secured operation (smallrye lists them as the bearer requirement's scopes); null if public. */
    static Set<String> roles(Operation op) {
        List<SecurityRequirement> security = op.getSecurity();
        if (security == null || security.isEmpty()) {
            return null;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (SecurityRequirement req : security) {
            if (req.getSchemes() != null) {
                req.getSchemes().values().forEach(roles::addAll);
            }
        }
        return roles;
    }

    static String forbidden(Set<String> roles) {
        if (roles.isEmpty()) {
            return "The caller's roles do not allow this operation";
        }
        StringBuilder s = new StringBuilder("Allowed only to ").append(String.join(", ", roles));
        List<String> scoped = roles.stream().filter(SCOPED::contains).toList();
        if (!scoped.isEmpty()) {
            s.append(" (").append(String.join(" and ", scoped)).append(": only for the schools the client acts for)");
        }
        return s.append("; any other caller gets 403").toString();
    }

    /** "/api/contracts/{id}/scorecard" → "contract"; "/api/enrollment/periods/{periodId}/offers/{offerId}" → "offer". */
    static String resource(String path) {
        String[] segments = path.split("/");
        String noun = null;
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].startsWith("{") && !segments[i - 1].startsWith("{")) {
                noun = segments[i - 1];
            }
        }
        if (noun == null || noun.isEmpty()) {
            return "resource";
        }
        noun = noun.replace('-', ' ');
        if (noun.endsWith("ies")) {
            return noun.substring(0, noun.length() - 3) + "y";
        }
        if (noun.endsWith("ses") || noun.endsWith("xes")) {
            return noun.substring(0, noun.length() - 2);
        }
        return noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static void add(APIResponses responses, String status, String description) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null && existing.getRef() == null && existing.getDescription() == null) {
            existing.setDescription(description);
            return;
        }
        if (existing != null && !generated(existing)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(problemContent()));
    }

    /** Quarkus's own "Not Authorized" (401), "Not Allowed" (403) or "Bad Request" (400), without a body. */
    private static boolean generated(APIResponse r) {
        return r.getRef() == null && GENERATED.contains(r.getDescription())
                && (r.getContent() == null || r.getContent().getMediaTypes() == null || r.getContent().getMediaTypes().isEmpty());
    }

    static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    static void ensureProblemSchema(OpenAPI api) {
        Components components = api.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            api.setComponents(components);
        }
        if (components.getSchemas() != null && components.getSchemas().containsKey("Problem")) {
            return;
        }
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One invalid field")
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("JSON path of the field, e.g. benchmarks[2].target"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .required(List.of("field", "message"));
        components.addSchema("FieldError", fieldError);
        components.addSchema("Problem", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details (docs/errors.md lists the types)")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("Stable problem type URI").examples(List.of("urn:portfolio:problem:validation")))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32"))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("requestId", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .required(List.of("type", "title", "status")));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
