package org.portfolio.edfi.rest;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.portfolio.platform.web.openapi.ProblemResponses;

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
    }
}
