package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one walk over every schema of a service's OpenAPI document that the filters of this package share: each
 * component schema (but those {@code skipComponent} names), each parameter's, request body's and response's schema,
 * and, inside each, its properties, items, additional properties and the members of allOf, anyOf, oneOf and
 * prefixItems. Each schema object is visited once, before its children, however many places hold it.
 */
final class SchemaWalk {

    private final Consumer<Schema> visit;
    private final Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private SchemaWalk(Consumer<Schema> visit) {
        this.visit = visit;
    }

    /** Visits every schema of the document once. */
    static void each(OpenAPI api, Consumer<Schema> visit) {
        each(api, name -> false, visit);
    }

    /** Visits every schema of the document once, leaving out the component schemas whose names {@code skipComponent} accepts. */
    static void each(OpenAPI api, Predicate<String> skipComponent, Consumer<Schema> visit) {
        SchemaWalk w = new SchemaWalk(visit);
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            for (Map.Entry<String, Schema> e : api.getComponents().getSchemas().entrySet()) {
                if (!skipComponent.test(e.getKey())) {
                    w.schema(e.getValue());
                }
            }
        }
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : api.getPaths().getPathItems().values()) {
            w.parameters(item.getParameters());
            for (Operation op : item.getOperations().values()) {
                w.parameters(op.getParameters());
                if (op.getRequestBody() != null) {
                    w.content(op.getRequestBody().getContent());
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    for (APIResponse response : op.getResponses().getAPIResponses().values()) {
                        w.content(response.getContent());
                    }
                }
            }
        }
    }

    private void parameters(List<Parameter> ps) {
        if (ps != null) {
            ps.forEach(p -> schema(p.getSchema()));
        }
    }

    private void content(Content c) {
        if (c != null && c.getMediaTypes() != null) {
            for (MediaType m : c.getMediaTypes().values()) {
                schema(m.getSchema());
            }
        }
    }

    private void schema(Schema s) {
        if (s == null || !seen.add(s)) {
            return;
        }
        visit.accept(s);
        if (s.getProperties() != null) {
            s.getProperties().values().forEach(this::schema);
        }
        schema(s.getItems());
        schema(s.getAdditionalPropertiesSchema());
        for (List<Schema> list : Arrays.asList(s.getAllOf(), s.getAnyOf(), s.getOneOf(), s.getPrefixItems())) {
            if (list != null) {
                list.forEach(this::schema);
            }
        }
    }
}
