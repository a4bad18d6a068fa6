package org.portfolio.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import org.portfolio.gateway.support.GatewayTestResource;
import org.portfolio.testing.RealInfrastructure;

/**
 * Real PostgreSQL and Kafka for every test of this service (started once per test JVM), and the gateway's
 * test wiring: the stand-in upstream service, the signing key, the bootstrap administrator.
 */
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(GatewayTestResource.class)
public class InfrastructureResource {
}
