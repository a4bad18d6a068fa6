package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import org.portfolio.testing.ServiceBasicsContract;

import java.util.List;

/** The checks every service passes (ServiceBasicsContract), with what is performance-service's own. */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String openApiTitle() {
        return "Portfolio performance-service";
    }

    @Override
    protected List<String> jsonPostPaths() {
        return List.of("/api/performance/metrics");
    }
}
