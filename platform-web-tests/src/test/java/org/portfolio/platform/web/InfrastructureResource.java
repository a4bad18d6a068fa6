package org.portfolio.platform.web;

import io.quarkus.test.common.QuarkusTestResource;
import org.portfolio.testing.RealInfrastructure;

/** Provides the JWT key pair (and a database and broker this module does not use). */
@QuarkusTestResource(RealInfrastructure.class)
public class InfrastructureResource {
}
