package org.portfolio.edfi;

import io.quarkus.test.common.QuarkusTestResource;
import org.portfolio.testing.RealInfrastructure;

/** Real PostgreSQL and Kafka for every test of this service (started once per test JVM). */
@QuarkusTestResource(RealInfrastructure.class)
public class InfrastructureResource {
}
