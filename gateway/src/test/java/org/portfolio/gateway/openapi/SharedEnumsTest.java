package org.portfolio.gateway.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twelfth pass (a generated TypeScript client): an inline copy of another service's enum was a type of its own in a
 * generated client. A copy that names its enum ({@code x-shared-enum}) and holds exactly its values refers to it;
 * nothing else changes (the hostile read found a first version tying two unrelated sets by their values alone).
 */
class SharedEnumsTest {

    @Test
    void aMarkedCopyWithTheSameValuesNamesItsEnumAndNothingElseChanges() throws Exception {
        ObjectNode schemas = (ObjectNode) new ObjectMapper().readTree(("{"
                + "'GrantStatus':{'type':'string','enum':['PENDING','ACTIVE','REVOKED','ENDED']},"
                + "'CorrectionKind':{'type':'string','enum':['ASSESSMENT','ATTENDANCE']},"
                + "'ScorecardAutonomy':{'type':'object','properties':{"
                + "  'status':{'type':'string','description':'Its grant now','examples':['REVOKED'],'x-shared-enum':'GrantStatus',"
                + "     'enum':['ACTIVE','ENDED','PENDING','REVOKED']},"
                + "  'statuses':{'type':'array','items':{'type':'string','x-shared-enum':'GrantStatus','enum':['PENDING','ACTIVE','REVOKED','ENDED']}},"
                + "  'kind':{'type':'string','enum':['ATTENDANCE','ASSESSMENT']},"
                + "  'fewer':{'type':'string','x-shared-enum':'GrantStatus','enum':['ACTIVE','REVOKED']},"
                + "  'missing':{'type':'string','x-shared-enum':'SchoolStatus','enum':['OPEN','CLOSED']},"
                + "  'flag':true}}}").replace('\'', '"'));

        assertThat(SharedEnums.refer(schemas)).containsExactlyInAnyOrder("ScorecardAutonomy.status", "ScorecardAutonomy.statuses");

        ObjectNode p = (ObjectNode) schemas.at("/ScorecardAutonomy/properties");
        assertThat(p.at("/status/$ref").asText()).isEqualTo("#/components/schemas/GrantStatus");
        assertThat(p.at("/status/description").asText()).isEqualTo("Its grant now");
        assertThat(p.at("/status/examples/0").asText()).isEqualTo("REVOKED");
        assertThat(p.at("/status").has("enum")).isFalse();
        assertThat(p.at("/statuses/items/$ref").asText()).isEqualTo("#/components/schemas/GrantStatus");
        assertThat(p.at("/kind").has("$ref")).as("the same values, unmarked: not the merger's to tie").isFalse();
        assertThat(p.at("/fewer").has("$ref")).isFalse();
        assertThat(p.at("/missing").has("$ref")).as("its service's document was not read").isFalse();
        assertThat(schemas.toString()).doesNotContain(SharedEnums.MARKER);
    }
}
