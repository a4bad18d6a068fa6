package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import org.portfolio.testing.ServiceBasicsContract;

import java.util.List;
import java.util.UUID;

/** The checks every service passes (ServiceBasicsContract), with what is autonomy-service's own. */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String openApiTitle() {
        return "Portfolio autonomy-service";
    }

    @Override
    protected List<String> jsonPostPaths() {
        return List.of("/api/autonomy/decision-catalog/decisions", "/api/autonomy/grants", "/api/autonomy/requests",
                "/api/autonomy/grants/" + UUID.randomUUID() + "/revoke");
    }
}
