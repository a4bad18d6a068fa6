package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import org.portfolio.testing.ServiceBasicsContract;

import java.util.List;

/** The checks every service passes (ServiceBasicsContract), with what is enrollment-service's own. */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String openApiTitle() {
        return "Portfolio enrollment-service";
    }

    @Override
    protected List<String> jsonPostPaths() {
        return List.of("/api/enrollment/periods");
    }
}
