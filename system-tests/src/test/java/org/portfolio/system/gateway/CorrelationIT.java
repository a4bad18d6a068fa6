package org.portfolio.system.gateway;

import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Request-Id and the W3C trace id travel from the caller through the gateway into the service and its events. */
@ExtendWith(RunningStack.class)
class CorrelationIT {

    private final RunningStack.Stack running;
    private final Api api;

    CorrelationIT(RunningStack.Stack running) {
        this.running = running;
        this.api = new Api(running.stack());
    }

    @Test
    void theCallersRequestIdIsTheOneTheServiceWorksAndLogsUnder() {
        String id = "it-" + UUID.randomUUID();
        // a 404 from contracts-service: its problem body quotes the request id of its own log context (MDC)
        Response r = api.gw().header("X-Request-Id", id).get("/api/schools/" + UUID.randomUUID());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.<String>path("requestId")).isEqualTo(id);
        assertThat(r.header("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void withoutOneTheGatewayGeneratesTheIdAndTheServiceUsesIt() {
        Response r = api.gw().get("/api/schools/" + UUID.randomUUID());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.header("X-Request-Id")).isNotBlank().isEqualTo(r.<String>path("requestId"));
    }

    @Test
    void theTraceIdOfTheCallerReachesTheEventTheServicePublishes() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        UUID body = api.oversightBody();
        String school = api.gw().auth().oauth2(api.admin()).header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .contentType("application/json").body(Api.schoolBody(body)).post("/api/schools")
                .then().statusCode(201).extract().path("id");
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:" + running.stack().port("kafka"));
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor("contracts.events").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            String found = null;
            while (found == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                    if (school.equals(rec.key()) && rec.value().contains("SchoolRegistered")) {
                        found = rec.value();
                    }
                }
            }
            assertThat(found).as("SchoolRegistered of " + school).isNotNull();
            assertThat(found).contains("\"traceparent\":\"00-" + traceId + "-");
        }
    }
}
