package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.portfolio.platform.web.openapi.ProblemResponses;

import java.util.List;
import java.util.Map;

/**
 * The service's OpenAPI document: the problem+json answers of every operation (platform-web), and the schema of one
 * line of an applications import. The import's body is NDJSON, a string to a generator (OpenAPI 3.1 has no schema for
 * the items of a sequence), so the line's shape was prose only: a TypeScript client had no model to write a line with,
 * wrote a birth date as a date-time, and the day stored was off by one (twelfth pass). {@value #IMPORT_LINE} is a
 * component of its own, which generators emit as a model whether or not an operation refers to it.
 */
public class EnrollmentOpenApiFilter extends ProblemResponses {

    public static final String IMPORT_LINE = "ApplicationImportLine";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        super.filterOpenAPI(api);
        api.getComponents().addSchema(IMPORT_LINE, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One line of an applications import (POST …/application-imports, application/x-ndjson: one "
                        + "such object per line, UTF-8): the applicant, created or updated by externalRef, and the "
                        + "program ids it ranks, best first, as a single submission takes them")
                .addProperty("applicant", OASFactory.createSchema().ref("#/components/schemas/ApplicantRequest"))
                .addProperty("choices", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .description("Program ids of the period, best first: at most the period's maxChoices")
                        .minItems(1).maxItems(20)
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uuid")))
                .required(List.of("applicant", "choices")));
        // OpenAPI 3.2's itemSchema of a sequential media type, as an extension until the documents are 3.2: it names
        // the line from the operation, so the gateway's merged document (which keeps only what is referred to) keeps it
        PathItem imports = api.getPaths() == null ? null : api.getPaths().getPathItem(IMPORTS);
        MediaType ndjson = imports == null || imports.getPOST() == null || imports.getPOST().getRequestBody() == null
                || imports.getPOST().getRequestBody().getContent() == null
                ? null : imports.getPOST().getRequestBody().getContent().getMediaType(ApplicationResource.NDJSON);
        if (ndjson != null) {
            ndjson.addExtension("x-itemSchema", Map.of("$ref", "#/components/schemas/" + IMPORT_LINE));
        }
    }

    static final String IMPORTS = "/api/enrollment/periods/{periodId}/application-imports";
}
