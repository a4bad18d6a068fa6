package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.portfolio.platform.web.http.EntityTags;

import java.util.List;
import java.util.Map;

/**
 * The headers a client needs and the services send, declared where they are sent (outside review of 2026-12-06, eighth
 * pass: a generated client could reach them only through raw headers, and nothing said they were there):
 * <ul>
 *   <li>{@code Location} on every 201: the created resource's address;</li>
 *   <li>{@code ETag} on the 200 of the GET that reads a resource whose writes take {@code If-Match} (the write's own
 *       path, or the nearest enclosing one ending in a path parameter: a grant's {@code /revoke} takes the grant's);</li>
 *   <li>a description for every {@code If-Match} that has none, and its {@code maxLength} ({@link EntityTags#IF_MATCH_MAX_LENGTH}).</li>
 * </ul>
 * Both headers are {@code required}: the tests' contract validator fails an answer that lacks one. An operation that
 * declares the header itself keeps its own words, made {@code required} too.
 */
final class ResourceHeaders {

    static final String IF_MATCH_DESCRIPTION = "The resource's ETag as its last read answered it (e.g. \"3\"): the change "
            + "is made only if nobody changed the resource since, else 412 precondition-failed. Absent or *: the change is "
            + "made on the current version (two writers at the same moment: the second gets 409).";

    private ResourceHeaders() {
    }

    static void declare(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = api.getPaths().getPathItems();
        for (Map.Entry<String, PathItem> p : items.entrySet()) {
            for (Operation op : p.getValue().getOperations().values()) {
                response(op, "201").ifPresent(r -> header(r, "Location", "The address of what was created (through the "
                        + "gateway, its public one; for a part of a resource, such as a step of a request, the resource's)", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")));
                if (ifMatch(op)) {
                    PathItem reader = reader(items, p.getKey());
                    if (reader != null && reader.getGET() != null) {
                        response(reader.getGET(), "200").ifPresent(r -> header(r, "ETag", "An opaque entity tag, e.g. \"3\": "
                                + "send it back unchanged in If-Match to change the resource only as it was read (it is "
                                + "not necessarily a version the body shows)",
                                OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
                    }
                }
            }
        }
    }

    /** The path item that reads the resource a write of {@code path} changes: the nearest one ending in a parameter. */
    private static PathItem reader(Map<String, PathItem> items, String path) {
        for (String p = path; p.lastIndexOf('/') > 0; p = p.substring(0, p.lastIndexOf('/'))) {
            if (p.endsWith("}") && items.containsKey(p) && items.get(p).getGET() != null) {
                return items.get(p);
            }
        }
        return null;
    }

    private static boolean ifMatch(Operation op) {
        boolean found = false;
        for (Parameter param : op.getParameters() == null ? List.<Parameter>of() : op.getParameters()) {
            if (param.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(param.getName())) {
                if (param.getDescription() == null || param.getDescription().isBlank()) {
                    param.setDescription(IF_MATCH_DESCRIPTION);
                }
                if (param.getSchema() == null) {
                    param.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                }
                if (param.getSchema().getRef() == null && param.getSchema().getMaxLength() == null) {
                    param.getSchema().setMaxLength(EntityTags.IF_MATCH_MAX_LENGTH); // IfMatchLimit enforces it
                }
                found = true;
            }
        }
        return found;
    }

    private static java.util.Optional<APIResponse> response(Operation op, String status) {
        return op.getResponses() == null || op.getResponses().getAPIResponses() == null
                ? java.util.Optional.empty() : java.util.Optional.ofNullable(op.getResponses().getAPIResponse(status));
    }

    private static void header(APIResponse r, String name, String description, Schema schema) {
        if (r.getHeaders() != null) {
            for (Map.Entry<String, Header> own : r.getHeaders().entrySet()) {
                if (own.getKey().equalsIgnoreCase(name)) {
                    own.getValue().setRequired(true); // declared by the operation itself: its words, and a promise too
                    return;
                }
            }
        }
        Header h = OASFactory.createHeader().description(description).required(true).schema(schema);
        r.addHeader(name, h);
    }
}
