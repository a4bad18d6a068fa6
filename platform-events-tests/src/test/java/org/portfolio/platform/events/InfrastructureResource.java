package org.portfolio.platform.events;

import io.quarkus.test.common.QuarkusTestResource;
import org.portfolio.testing.RealInfrastructure;

/** Real PostgreSQL and Kafka for every test of this module (started once per test JVM). */
@QuarkusTestResource(RealInfrastructure.class)
public class InfrastructureResource {
}
