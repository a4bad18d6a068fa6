package org.portfolio.testing.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AsyncAPI document holds together, and the checks built on it catch what they are there to catch. */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventContract contract = EventContract.load();

    @Test
    void everyTopicOfTheSuiteHasItsMessagesAndOnlyItsOwnerPublishesThem() {
        Map<String, String> owners = Map.of("contracts.events", "/contracts", "autonomy.events", "/autonomy",
                "performance.events", "/performance", "enrollment.events", "/enrollment", "integration.events", "/integration",
                "gateway.clients", "/gateway");
        assertThat(contract.messages().values()).extracting(EventContract.Message::topic).containsOnlyElementsOf(owners.keySet());
        for (EventContract.Message m : contract.messages().values()) {
            assertThat(m.source()).as(m.type()).isEqualTo(owners.get(m.topic()));
            assertThat(m.type()).as(m.name()).isEqualTo("portfolio" + m.source().replace('/', '.') + "." + m.name() + ".v1");
        }
        assertThat(contract.typesOn("contracts.events")).hasSize(10);
        assertThat(contract.typesOn("autonomy.events")).hasSize(4);
        assertThat(contract.typesOn("performance.events")).hasSize(5); // + IntegrityFlagRaised, IntegrityFlagResolved (issue 15.4), MetricDefined (N11)
        assertThat(contract.typesOn("enrollment.events")).hasSize(2);
        assertThat(contract.typesOn("integration.events")).containsExactly("portfolio.integration.WebhookDisabled.v1");
        assertThat(contract.typesOn("gateway.clients")).containsExactly("portfolio.gateway.ClientChanged.v1");
        assertThat(contract.document().at("/channels/deadLetters/address").asText()).isEqualTo("{topic}.dlq");
    }

    @Test
    void everyMessageSaysItCarriesNoPersonalDataAndHasExamplesThatConform() {
        JsonNode messages = contract.document().path("components").path("messages");
        messages.fields().forEachRemaining(e -> {
            assertThat(e.getValue().path("x-personal-data").asText()).as(e.getKey()).isEqualTo("none");
            assertThat(e.getValue().path("description").asText()).as(e.getKey()).containsIgnoringCase("personal data");
        });
        for (EventContract.Message m : contract.messages().values()) {
            List<JsonNode> examples = contract.examples(m.type());
            assertThat(examples).as(m.type()).isNotEmpty();
            for (JsonNode example : examples) {
                assertThat(contract.violations(m.type(), example)).as(m.type() + " example " + example.path("id")).isEmpty();
            }
        }
    }

    @Test
    void everyConsumerOperationReadsMessagesOfItsOwnChannel() {
        contract.document().path("operations").fields().forEachRemaining(op -> {
            String channel = op.getValue().path("channel").path("$ref").asText();
            for (JsonNode m : op.getValue().path("messages")) {
                assertThat(m.path("$ref").asText()).as(op.getKey()).startsWith(channel + "/messages/");
                assertThat(contract.document().at(m.path("$ref").asText().substring(1)).isMissingNode()).as(op.getKey()).isFalse();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ producers

    private static final String TYPE = "portfolio.enrollment.DemandReported.v1";

    private static ObjectNode demand() {
        ObjectNode ce = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "/enrollment").put("type", TYPE).put("subject", "3f6c1d2e-4b5a-4c7d-8e9f-0a1b2c3d4e5f")
                .put("time", "2027-03-15T12:00:00Z").put("datacontenttype", "application/json");
        ce.putObject("data").put("periodId", UUID.randomUUID().toString()).put("schoolYear", "2027-28").put("round", 1)
                .put("schoolId", "3f6c1d2e-4b5a-4c7d-8e9f-0a1b2c3d4e5f").put("applicants", 3).put("firstChoices", 3)
                .put("seats", 1).put("offers", 1);
        return ce;
    }

    private static EventsProbe.Received received(String topic, String key, ObjectNode ce) {
        return new EventsProbe.Received(topic, 0, 7, key, Map.of("content-type", "application/cloudevents+json"),
                ce.path("id").asText(), ce.path("type").asText(), ce.path("source").asText(), ce.path("subject").asText(),
                ce.path("time").asText(), ce.path("data"), ce, null);
    }

    @Test
    void aConformingEventPassesAndEachKindOfDisagreementIsNamed() {
        String school = "3f6c1d2e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
        assertThat(contract.violations(received("enrollment.events", school, demand()))).isEmpty();

        ObjectNode extra = demand();
        ((ObjectNode) extra.path("data")).put("waitlisted", 2);
        assertThat(contract.violations(received("enrollment.events", school, extra))).singleElement().asString()
                .contains("$.data").contains("waitlisted");

        ObjectNode missing = demand();
        ((ObjectNode) missing.path("data")).remove("seats");
        assertThat(contract.violations(received("enrollment.events", school, missing))).singleElement().asString().contains("seats");

        ObjectNode nulled = demand();
        ((ObjectNode) nulled.path("data")).putNull("offers");
        assertThat(contract.violations(received("enrollment.events", school, nulled))).singleElement().asString()
                .contains("$.data.offers");

        ObjectNode badFormat = demand();
        ((ObjectNode) badFormat.path("data")).put("schoolYear", "2027");
        assertThat(contract.violations(received("enrollment.events", school, badFormat))).singleElement().asString()
                .contains("$.data.schoolYear");

        assertThat(contract.violations(received("enrollment.events", "another key", demand()))).singleElement().asString()
                .contains("record key");
        assertThat(contract.violations(received("contracts.events", school, demand()))).singleElement().asString()
                .contains("the document has it on enrollment.events");

        ObjectNode unknown = demand().put("type", "portfolio.enrollment.WaitlistMoved.v1");
        assertThat(contract.violations(received("enrollment.events", school, unknown))).singleElement().asString()
                .contains("not a message of the AsyncAPI document");

        ObjectNode foreign = demand().put("source", "/contracts");
        assertThat(contract.violations(received("enrollment.events", school, foreign))).singleElement().asString()
                .contains("$.source");
    }

    @Test
    void anEnumValueOutsideTheDocumentIsAViolation() {
        ObjectNode ce = (ObjectNode) contract.examples("portfolio.autonomy.AutonomyRevoked.v1").get(0).deepCopy();
        ((ObjectNode) ce.path("data").path("cause")).put("kind", "BENCHMARK_MET");
        assertThat(contract.violations("portfolio.autonomy.AutonomyRevoked.v1", ce)).isNotEmpty()
                .anySatisfy(v -> assertThat(v).contains("$.data.cause.kind"));
    }

    // ------------------------------------------------------------------------------------------------ consumers

    record Demand(UUID schoolId, String schoolYear, Integer applicants, Integer seats) {
    }

    record DemandWithAGuess(UUID schoolId, Integer waitlisted) {
    }

    record DemandPrimitive(UUID schoolId, int round) {
    }

    record Cause(String kind, UUID benchmarkId) {
    }

    record Revoked(UUID grantId, Cause cause) {
    }

    record RevokedWrongly(UUID grantId, CauseWrongly cause) {
    }

    record CauseWrongly(String kind, String ruleId) {
    }

    private static <T> java.util.function.Function<byte[], T> reader(Class<T> type) {
        return bytes -> {
            try {
                return new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                        .readValue(bytes, type);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        };
    }

    @Test
    void aConsumerViewOfDeclaredFieldsReadsEveryExample() {
        List<Demand> read = contract.consumer(TYPE, Demand.class).requires("schoolId", "applicants", "seats")
                .assertReadsEveryExample(reader(Demand.class));
        assertThat(read).extracting(Demand::seats).containsOnly(1);
        assertThat(contract.consumer("portfolio.autonomy.AutonomyRevoked.v1", Revoked.class).requires("cause.kind")
                .assertReadsEveryExample(reader(Revoked.class))).extracting(r -> r.cause().kind())
                .containsExactly("BENCHMARK_MISSED", "RATING_FELL");
    }

    @Test
    void aConsumerThatReadsAFieldTheDocumentDoesNotDeclareOrRequireFails() {
        assertThatThrownBy(() -> contract.consumer(TYPE, DemandWithAGuess.class).assertReadsEveryExample(reader(DemandWithAGuess.class)))
                .hasMessageContaining("reads 'waitlisted', which the document does not declare");
        assertThatThrownBy(() -> contract.consumer("portfolio.autonomy.AutonomyRevoked.v1", RevokedWrongly.class)
                .assertReadsEveryExample(reader(RevokedWrongly.class)))
                .hasMessageContaining("reads 'cause.ruleId'");
        assertThatThrownBy(() -> contract.consumer("portfolio.contracts.ContractEnded.v1", ContractEndedView.class)
                .requires("renewedByContractId").assertReadsEveryExample(reader(ContractEndedView.class)))
                .hasMessageContaining("refuses an event without 'renewedByContractId', but the document does not require it");
        assertThatThrownBy(() -> contract.consumer("portfolio.contracts.ContractEnded.v1", ContractEndedPrimitive.class)
                .assertReadsEveryExample(reader(ContractEndedPrimitive.class)))
                .hasMessageContaining("reads 'renewedByContractId'").hasMessageContaining("cannot be absent");
        // a primitive the document requires is fine
        contract.consumer(TYPE, DemandPrimitive.class).assertReadsEveryExample(reader(DemandPrimitive.class));
    }

    record ContractEndedView(UUID contractId, UUID renewedByContractId) {
    }

    record ContractEndedPrimitive(UUID contractId, long renewedByContractId) {
    }
}
