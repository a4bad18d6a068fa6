package org.portfolio.edfi.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.portfolio.edfi.domain.Descriptor;
import org.portfolio.edfi.domain.ResourceType;
import org.portfolio.edfi.service.Derivations;
import org.portfolio.edfi.service.EdFiConfig;
import org.portfolio.edfi.service.EdFiException;
import org.portfolio.edfi.service.EdFiService;
import org.portfolio.edfi.service.Ids;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the Ed-Fi resource endpoints share: the body read as a bounded JSON document, the list's paging and natural-key
 * filters, ids, ETag and Location, and the derived records sent after each write (the answer waits for them).
 */
@ApplicationScoped
public class EdFiEndpoints {

    static final String BASE = "/edfi/data/v3/ed-fi";
    static final int DEFAULT_LIMIT = 25;
    private static final Set<String> PAGING = Set.of("offset", "limit", "totalCount");

    @Inject
    EdFiService service;

    @Inject
    Derivations derivations;

    @Inject
    EdFiConfig config;

    @Inject
    ObjectMapper mapper;

    private volatile ObjectReader reader;

    Response post(ResourceType type, String body, String authorization, UriInfo uri) {
        JsonNode json = parse(body);
        EdFiService.WriteResult r = type == ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS
                ? service.upsertAttendanceEvent(json) : service.upsert(type, json);
        derivations.wake();
        Response.ResponseBuilder rb = r.created() ? Response.created(location(uri, type, r.id())) : Response.ok();
        return rb.tag(new EntityTag(r.etag())).build();
    }

    /**
     * The new resource's absolute URL: the request's base URI, BASE, the resource path and the id (as a UriBuilder would
     * join them; one string and one parse instead of a builder per answer — issue 17).
     */
    static URI location(UriInfo uri, ResourceType type, UUID id) {
        String base = uri.getBaseUri().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + BASE + "/" + type.path() + "/" + Ids.format(id));
    }

    Response put(ResourceType type, String id, String body, String ifMatch) {
        EdFiService.WriteResult r = service.replace(type, id(type, id), parse(body), ifMatch);
        derivations.wake();
        return Response.noContent().tag(new EntityTag(r.etag())).build();
    }

    Response delete(ResourceType type, String id, String ifMatch) {
        EdFiService.WriteResult r = service.delete(type, id(type, id), ifMatch);
        derivations.wake();
        return Response.noContent().build();
    }

    Response get(ResourceType type, String id) {
        ObjectNode doc = service.get(type, id(type, id));
        return Response.ok(doc).tag(new EntityTag(doc.get("_etag").asText())).build();
    }

    Response list(ResourceType type, UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ObjectNode filter = mapper.createObjectNode();
        for (String name : q.keySet()) {
            if (q.get(name).size() > 1) {
                throw EdFiException.badRequest("The parameter " + clip(name) + " is given more than once.");
            }
            if (PAGING.contains(name)) {
                continue;
            }
            ResourceType.KeyField k = type.keyField(name).orElseThrow(() -> EdFiException.badRequest("The parameter " + clip(name)
                    + " is not supported: filter " + type.path() + " by " + String.join(", ", type.key().stream().map(ResourceType.KeyField::param).toList())
                    + " (offset, limit and totalCount page the list)."));
            put(filter, k, q.getFirst(name));
        }
        int offset = number(q.getFirst("offset"), "offset", 0, 0, 100_000_000);
        int limit = number(q.getFirst("limit"), "limit", DEFAULT_LIMIT, 0, config.maxLimit());
        String total = q.getFirst("totalCount");
        if (total != null && !total.equals("true") && !total.equals("false")) {
            throw EdFiException.badRequest("totalCount must be true or false.");
        }
        boolean totalCount = "true".equals(total);
        EdFiService.Page page = service.list(type, filter, offset, limit, totalCount);
        Response.ResponseBuilder rb = Response.ok(page.items());
        if (page.totalCount() != null) {
            rb.header("Total-Count", page.totalCount());
        }
        return rb.build();
    }

    private void put(ObjectNode filter, ResourceType.KeyField k, String value) {
        ObjectNode at = filter;
        for (int i = 0; i < k.path().size() - 1; i++) {
            at = at.has(k.path().get(i)) ? (ObjectNode) at.get(k.path().get(i)) : at.putObject(k.path().get(i));
        }
        String field = k.path().get(k.path().size() - 1);
        String bad = k.param() + " is not a valid value for this parameter.";
        switch (k.kind()) {
            case EDORG_ID -> at.put(field, (long) longValue(value, k.param(), 1, 999_999_999_999L));
            case SCHOOL_YEAR -> at.put(field, (int) longValue(value, k.param(), 1991, 2100));
            case DATE -> {
                try {
                    at.put(field, LocalDate.parse(value).toString());
                } catch (DateTimeParseException e) {
                    throw EdFiException.badRequest(bad + " Use yyyy-MM-dd.");
                }
            }
            case DESCRIPTOR -> {
                Descriptor d = value.length() <= 2 * 306 ? Descriptor.parse(value) : null; // 306 characters, two units each at most
                if (d == null) {
                    throw EdFiException.badRequest(bad + " Use a descriptor URI namespace#CodeValue.");
                }
                at.put(field, d.uri());
            }
            case NAMESPACE -> {
                if (value.isEmpty() || Descriptor.characters(value) > Descriptor.MAX_NAMESPACE) {
                    throw EdFiException.badRequest(bad);
                }
                at.put(field, value);
            }
            default -> {
                if (value.isEmpty() || Descriptor.characters(value) > 60) {
                    throw EdFiException.badRequest(bad);
                }
                at.put(field, value);
            }
        }
    }

    private static long longValue(String v, String name, long min, long max) {
        try {
            long n = v.length() > 19 ? Long.MIN_VALUE : Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw EdFiException.badRequest(name + " must be a whole number from " + min + " to " + max + ".");
    }

    private static int number(String v, String name, int dflt, int min, int max) {
        return v == null ? dflt : (int) longValue(v, name, min, max);
    }

    private static UUID id(ResourceType type, String id) {
        return Ids.parse(id).orElseThrow(() -> EdFiException.notFound("No " + type.path() + " resource with this id."));
    }

    JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw EdFiException.validation("$", "A non-empty request body is required.");
        }
        ObjectReader r = reader;
        if (r == null) {
            r = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            reader = r;
        }
        try {
            return r.readTree(body);
        } catch (JacksonException e) {
            // the parser's message may quote the body: say where, not what
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw EdFiException.validation("$", "The request body is not valid JSON or exceeds a limit of the parser" + where + ".");
        }
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    static List<String> keyParams(ResourceType type) {
        return type.key().stream().map(ResourceType.KeyField::param).toList();
    }
}
