package org.portfolio.system.logs;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.gateway.RunningStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared stack starts on a fresh broker, so every service creates its topics as it starts. A consumer that
 * subscribed before its topics existed made Kafka's client warn "UNKNOWN_TOPIC_OR_PARTITION" a few times a second
 * until they did: nine WARNs at every cold start (integration's change feed, autonomy's consumers), which an operator
 * reading the logs of a healthy start should not have to learn to ignore (twentieth pass). The consumers now wait for
 * their service's topics first ({@code ConsumerWorker.awaitTopics}).
 */
@ExtendWith(RunningStack.class)
@Order(Integer.MAX_VALUE)
class QuietStartIT {

    static final String UNKNOWN_TOPIC = "UNKNOWN_TOPIC_OR_PARTITION";

    private final Path logs;

    QuietStartIT(RunningStack.Stack running) {
        this.logs = running.stack().home().resolve("logs");
    }

    @Test
    void noConsumerSubscribedBeforeItsTopicsExisted() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> list = Files.list(logs)) {
            for (Path log : list.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                files++;
                for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                    if (line.contains(UNKNOWN_TOPIC)) {
                        found.add(log.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertThat(files).as("the stack's logs").isGreaterThanOrEqualTo(5);
        assertThat(found).as("log lines of a consumer reading a topic not created yet").isEmpty();
    }
}
