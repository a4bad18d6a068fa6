package org.portfolio.edfi;

import io.quarkus.test.junit.QuarkusTest;
import org.portfolio.testing.ServiceBasicsContract;

import java.util.List;

/** The checks every service passes (ServiceBasicsContract). */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String openApiTitle() {
        return "Portfolio edfi-service";
    }

    @Override
    protected List<String> jsonPostPaths() {
        return List.of();
    }
}
