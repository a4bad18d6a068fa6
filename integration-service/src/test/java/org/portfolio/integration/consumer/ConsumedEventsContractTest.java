package org.portfolio.integration.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.portfolio.integration.domain.EventCatalog;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.testing.events.EventContract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed reads the other services' events as the AsyncAPI document (module api-docs) says: its handler
 * subscribes to exactly the topics and types of the document's four {@code integrationChangeFeed*} operations, every
 * type it keeps has an audience, and every example of those types names the schools the feed filters on.
 */
class ConsumedEventsContractTest {

    private static final List<String> OPERATIONS = List.of("integrationChangeFeedContracts", "integrationChangeFeedAutonomy",
            "integrationChangeFeedPerformance", "integrationChangeFeedEnrollment");

    private final EventContract contract = EventContract.load();

    @Test
    void theFeedSubscribesToWhatTheDocumentSaysItReads() {
        FeedHandler handler = new FeedHandler();
        Set<String> types = new TreeSet<>();
        Set<String> topics = new TreeSet<>();
        for (String op : OPERATIONS) {
            types.addAll(contract.typesOf(op));
            topics.add(contract.topicOf(op));
        }
        assertThat(new TreeSet<>(handler.types())).isEqualTo(types);
        assertThat(new TreeSet<>(handler.topics())).isEqualTo(topics);
        assertThat(types).allSatisfy(t -> assertThat(EventCatalog.audienceOf(t)).as(t).isPresent());
    }

    @Test
    void everyExampleNamesTheSchoolsItIsAbout() {
        for (String type : EventCatalog.consumedTypes()) {
            List<JsonNode> examples = contract.examples(type);
            assertThat(examples).as(type + ": the document gives an example").isNotEmpty();
            for (JsonNode envelope : examples) {
                JsonNode data = envelope.path("data");
                IncomingEvent event = new IncomingEvent(UUID.randomUUID().toString(), type, URI.create(envelope.path("source").asText()),
                        envelope.path("subject").asText(null), null, null, data.toString().getBytes(StandardCharsets.UTF_8));
                Set<UUID> schools = FeedHandler.schoolsOf(event, data);
                assertThat(schools).as(type + ": the schools a reader's scope is checked against").isNotEmpty();
                if (data.hasNonNull("schoolId")) {
                    assertThat(schools).contains(UUID.fromString(data.get("schoolId").asText()));
                }
            }
        }
    }

    /** The fields the feed leaves out for some readers (docs/security.md T4c) are fields of the event. */
    @Test
    void theFieldsLeftOutForSomeReadersAreTheEventsOwn() {
        JsonNode schema = contract.dataSchema("portfolio.contracts.SchoolStatusChanged.v1");
        assertThat(schema.path("properties").has("reason")).isTrue();
        assertThat(schema.path("properties").has("decidedBy")).isTrue();
    }
}
