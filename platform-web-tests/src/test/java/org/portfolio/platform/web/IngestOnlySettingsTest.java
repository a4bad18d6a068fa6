package org.portfolio.platform.web;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.security.IngestOnlyClients;
import org.portfolio.platform.web.security.IngestOnlySettings;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of edfi5, M3: svc_edfi's id was configured in three places (the gateway creating it, edfi-service using it,
 * each service restricting it) and its operations per service: changing one and not the others made an SIS of every
 * school that no service restricted. The id and the operations are constants now; a configuration that still tries to
 * change them refuses the start.
 */
class IngestOnlySettingsTest {

    private static java.util.List<String> problems(Map<String, String> settings) {
        return IngestOnlySettings.problems(name -> Optional.ofNullable(settings.get(name)));
    }

    @Test
    void oneIdForTheClientAndFixedOperations() {
        assertThat(IngestOnlyClients.EDFI_SERVICE_CLIENT).isEqualTo("svc_edfi");
        assertThat(IngestOnlyClients.CLIENTS).containsExactly("svc_edfi");
        assertThat(IngestOnlyClients.OPERATIONS).containsExactlyInAnyOrder("POST /api/performance/ingest/attendance",
                "POST /api/performance/ingest/assessments", "POST /api/performance/corrections/assessments",
                "POST /api/performance/corrections/attendance");
    }

    @Test
    void aConfigurationThatRenamesTheClientAnywhereOrWidensItsOperationsRefusesTheStart() {
        assertThat(problems(Map.of())).isEmpty();
        assertThat(problems(Map.of("portfolio.gateway.bootstrap.edfi-client-id", "svc_edfi",
                "portfolio.edfi.service-client.id", "svc_edfi", "portfolio.security.ingest-only-clients", "svc_edfi"))).isEmpty();
        for (String name : java.util.List.of("portfolio.gateway.bootstrap.edfi-client-id", "portfolio.edfi.service-client.id",
                "portfolio.security.ingest-only-clients")) {
            assertThat(problems(Map.of(name, "svc_edfi2"))).singleElement().asString().startsWith(name);
        }
        assertThat(problems(Map.of("portfolio.security.ingest-only-clients", "svc_edfi,svc_other"))).hasSize(1);
        assertThat(problems(Map.of("portfolio.security.ingest-only-operations",
                "POST /api/performance/ingest/attendance,GET /api/performance/student-records/assessments"))).hasSize(1);
    }
}
