package org.portfolio.edfi.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.portfolio.platform.web.openapi.ProblemResponses;

import java.util.List;
import java.util.Map;

/**
 * The service's OpenAPI document: an Ed-Fi upsert answers 200 (updated) without a body, as Ed-Fi does, which the scanner
 * would otherwise describe with the default JSON body; then the problem+json answers of every operation.
 */
public class EdFiOpenApiFilter extends ProblemResponses {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> p : api.getPaths().getPathItems().entrySet()) {
                Operation post = p.getValue().getPOST();
                if (post != null && post.getOperationId() != null && post.getOperationId().startsWith("edfiUpsert")
                        && post.getResponses() != null) {
                    APIResponse ok = post.getResponses().getAPIResponse("200");
                    if (ok != null) {
                        ok.setContent(null);
                    }
                }
            }
        }
        super.filterOpenAPI(api);
        declareEdFiProblem(api);
    }

    static final String EDFI_PROBLEM = "EdFiProblem";

    /**
     * The Ed-Fi data API answers its errors in Ed-Fi's shape ({@link EdFiProblem}: {@code correlationId} and
     * {@code validationErrors} besides the problem's fields), which the document declared as a plain Problem: a
     * generated client dropped both, so the reason a write failed ("See 'validationErrors'") could not be read through
     * its type (twelfth pass, the generated TypeScript client). Every problem answer of {@code /edfi/data} refers to
     * EdFiProblem, a Problem with the two fields (optional: the suite's own answers there, a 401 or a 413, are plain
     * problems, which it takes too).
     */
    static void declareEdFiProblem(OpenAPI api) {
        api.getComponents().addSchema(EDFI_PROBLEM, OASFactory.createSchema()
                .description("An Ed-Fi error (ODS/API 7 shape): a Problem with Ed-Fi's correlationId and validationErrors")
                .allOf(List.of(OASFactory.createSchema().ref("#/components/schemas/Problem")))
                .addProperty("correlationId", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("The request's id under Ed-Fi's name (the same as requestId)"))
                .addProperty("validationErrors", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                        .description("Messages per JSON path of the body, e.g. {\"$.schoolReference.schoolId\": [\"is required\"]}")
                        .additionalPropertiesSchema(OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                                .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))))));
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> p : api.getPaths().getPathItems().entrySet()) {
            if (!p.getKey().startsWith("/edfi/data/")) {
                continue;
            }
            for (Operation op : p.getValue().getOperations().values()) {
                if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                    MediaType problem = r.getContent() == null ? null : r.getContent().getMediaType(PROBLEM);
                    if (problem != null && problem.getSchema() != null
                            && "#/components/schemas/Problem".equals(problem.getSchema().getRef())) {
                        problem.setSchema(OASFactory.createSchema().ref("#/components/schemas/" + EDFI_PROBLEM));
                    }
                }
            }
        }
    }
}
