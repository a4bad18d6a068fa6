package org.portfolio.integration.rest;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.portfolio.platform.web.openapi.ProblemResponses;

import java.util.Arrays;
import java.util.List;

/**
 * The service's OpenAPI document: the problem+json answers of every operation (platform-web), and names for the event
 * types a generator can write. Their values are CloudEvents types ({@code portfolio.contracts.SchoolRegistered.v1}),
 * which generators turned into {@code portfolioPeriodContractsPeriodSchoolRegisteredPeriodV1} (Kotlin client,
 * fifteenth pass, K8); {@code x-enum-varnames} (openapi-generator's extension, one name per value, in order) gives
 * {@code SCHOOL_REGISTERED}, the Java enum's own name.
 */
public class IntegrationOpenApiFilter extends ProblemResponses {

    static final String EVENT_TYPE = "EventType";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        super.filterOpenAPI(api);
        Schema eventType = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? null : api.getComponents().getSchemas().get(EVENT_TYPE);
        if (eventType != null) {
            List<String> names = Arrays.stream(EventTypeName.values()).map(Enum::name).toList();
            eventType.addExtension("x-enum-varnames", names);
        }
    }
}
