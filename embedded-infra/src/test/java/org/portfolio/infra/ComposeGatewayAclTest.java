package org.portfolio.infra;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audit of issue 13 (compose ACLs, "each service writes only its own topic", and the consumers must still work):
 * ComposeFileTest checks the handlers' topics of the five event services only and asserts that the gateway reads
 * nothing. Since issue 18 the gateway has an EventHandler (SchoolMembershipHandler, consumer group
 * gateway.school-membership) reading contracts.events. Under compose's ACLs (allow.everyone.if.no.acl.found=false)
 * it cannot read that topic, write its dead letters nor join its group: oversight-body and zone scopes stop
 * following school moves in a compose deployment. Red on main 71de054.
 */
class ComposeGatewayAclTest {

    @Test
    void theGatewayMayReadWhatItsHandlersReadAndWriteTheirDeadLetters() throws Exception {
        List<ComposeFileTest.Acl> acls = ComposeFileTest.acls();
        Set<String> reads = ComposeFileTest.handlerTopics("gateway");
        assertThat(reads).as("the gateway's handlers read").contains("contracts.events");
        Set<String> expectedWrites = new TreeSet<>(Set.of("gateway.clients"));
        reads.forEach(t -> expectedWrites.add(t + ".dlq"));
        assertThat(ComposeFileTest.topicsWith(acls, "gateway", "READ")).as("gateway may read").containsAll(reads);
        assertThat(ComposeFileTest.topicsWith(acls, "gateway", "WRITE")).as("gateway may write").isEqualTo(expectedWrites);
        assertThat(acls.stream().filter(a -> a.principal().equals("gateway") && a.type().equals("group")))
                .as("gateway consumer groups")
                .containsExactly(new ComposeFileTest.Acl("gateway", Set.of("READ"), "group", "prefixed", "gateway."));
    }
}
