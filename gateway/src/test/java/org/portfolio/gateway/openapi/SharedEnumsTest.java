package org.portfolio.gateway.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twelfth pass (a generated TypeScript client): an inline copy of another service's enum was a type of its own in a
 * generated client. A copy with exactly one named enum's values names it; anything less certain is left alone.
 */
class SharedEnumsTest {

    @Test
    void anInlineCopyOfOneNamedEnumNamesItAndAmbiguousOrDifferentSetsStay() throws Exception {
        ObjectNode schemas = (ObjectNode) new ObjectMapper().readTree(("{"
                + "'GrantStatus':{'type':'string','enum':['PENDING','ACTIVE','REVOKED','ENDED']},"
                + "'AutonomyModel':{'type':'string','enum':['EARNED','PROGRAMMATIC']},"
                + "'GrantModel':{'type':'string','enum':['PROGRAMMATIC','EARNED']},"
                + "'ScorecardAutonomy':{'type':'object','properties':{"
                + "  'status':{'type':'string','description':'Its grant now','enum':['ACTIVE','ENDED','PENDING','REVOKED']},"
                + "  'statuses':{'type':'array','items':{'type':'string','enum':['PENDING','ACTIVE','REVOKED','ENDED']}},"
                + "  'model':{'type':'string','enum':['EARNED','PROGRAMMATIC']},"
                + "  'fewer':{'type':'string','enum':['ACTIVE','REVOKED']},"
                + "  'patterned':{'type':'string','pattern':'^A','enum':['PENDING','ACTIVE','REVOKED','ENDED']}}}}").replace('\'', '"'));

        assertThat(SharedEnums.refer(schemas)).containsExactlyInAnyOrder("ScorecardAutonomy.status", "ScorecardAutonomy.statuses");

        ObjectNode p = (ObjectNode) schemas.at("/ScorecardAutonomy/properties");
        assertThat(p.at("/status/$ref").asText()).isEqualTo("#/components/schemas/GrantStatus");
        assertThat(p.at("/status/description").asText()).isEqualTo("Its grant now");
        assertThat(p.at("/status").has("enum")).isFalse();
        assertThat(p.at("/statuses/items/$ref").asText()).isEqualTo("#/components/schemas/GrantStatus");
        assertThat(p.at("/model").has("$ref")).as("two named enums hold these values").isFalse();
        assertThat(p.at("/fewer").has("$ref")).isFalse();
        assertThat(p.at("/patterned").has("$ref")).as("a check beyond the values").isFalse();
    }
}
