package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter's own words per operation, unless a resource said something more precise. */
class ProblemResponsesTest {

    @Test
    void quarkusGenericAutoDescriptionsGiveWayToTheOperationsOwnWhileAResourcesOwnIsKept() {
        // Quarkus adds 400 "Bad Request" and, with the security requirement, 401 "Not Authorized" and 403 "Not
        // Allowed" before mp.openapi.filter runs: they say nothing about the operation
        Operation op = OASFactory.createOperation()
                .security(List.of(OASFactory.createSecurityRequirement()
                        .addScheme("bearer", List.of("DISTRICT_ADMIN", "SCHOOL_LEADER"))))
                .addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("The contract"))
                        .addAPIResponse("400", OASFactory.createAPIResponse().description("Bad Request"))
                        .addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"))
                        .addAPIResponse("403", OASFactory.createAPIResponse().description("Not Allowed"))
                        .addAPIResponse("409", OASFactory.createAPIResponse()
                                .description("The contract is not a DRAFT (contract-status-conflict)")));

        new ProblemResponses().declare("/api/contracts/{id}", PathItem.HttpMethod.POST, op, null);

        APIResponses r = op.getResponses();
        assertThat(r.getAPIResponse("400").getDescription()).startsWith("Malformed or invalid id");
        assertThat(r.getAPIResponse("401").getDescription()).startsWith("No valid bearer token");
        assertThat(r.getAPIResponse("403").getDescription()).contains("DISTRICT_ADMIN, SCHOOL_LEADER")
                .contains("only for the schools the client acts for");
        assertThat(r.getAPIResponse("404").getDescription()).isEqualTo("No contract with this id");
        assertThat(r.getAPIResponse("409").getDescription()).isEqualTo("The contract is not a DRAFT (contract-status-conflict)");
        for (String status : List.of("400", "401", "403", "404", "409")) {
            assertThat(r.getAPIResponse(status).getContent().getMediaType(ProblemResponses.PROBLEM)).as(status).isNotNull();
        }
        assertThat(r.getAPIResponse("200").getDescription()).isEqualTo("The contract");
    }

    /**
     * Hostile review, sixteenth pass: a POST that only reads (the applicant search, criteria in its body) was declared
     * to answer 409 and 422, which it never does. Marked {@code x-portfolio-reads-only}, it declares neither; an
     * ordinary POST with a body still declares both.
     */
    @Test
    void aPostThatOnlyReadsDeclaresNoConflictAndNoDomainRule() {
        Operation search = OASFactory.createOperation()
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("bearer", List.of("ENROLLMENT_OFFICER"))))
                .requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType())))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("A page")))
                .addExtension(ProblemResponses.READS_ONLY, true);
        new ProblemResponses().declare("/api/enrollment/applicants/search", PathItem.HttpMethod.POST, search, null);
        assertThat(search.getResponses().getAPIResponses()).containsKeys("400", "401", "403", "413", "415", "503")
                .doesNotContainKeys("409", "422");

        Operation create = OASFactory.createOperation()
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("bearer", List.of("ENROLLMENT_OFFICER"))))
                .requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType())))
                .responses(OASFactory.createAPIResponses().addAPIResponse("201", OASFactory.createAPIResponse().description("Made")));
        new ProblemResponses().declare("/api/enrollment/applicants", PathItem.HttpMethod.POST, create, null);
        assertThat(create.getResponses().getAPIResponses()).containsKeys("409", "422");
    }

    /** TokensIT found it: a public operation answers 401 to an invalid token that is sent, which was not declared. */
    @Test
    void aPublicOperationDeclaresThe401OfAnInvalidTokenSentAnywayButNo403() {
        Operation op = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("The schools")));

        new ProblemResponses().declare("/api/enrollment/schools", PathItem.HttpMethod.GET, op, null);

        APIResponses r = op.getResponses();
        assertThat(r.getAPIResponse("401").getDescription()).startsWith("This operation needs no token");
        assertThat(r.getAPIResponse("401").getContent().getMediaType(ProblemResponses.PROBLEM)).isNotNull();
        assertThat(r.getAPIResponse("403")).isNull();
        assertThat(op.getSecurity()).as("public, and saying so").isNotNull().isEmpty();
    }
}
