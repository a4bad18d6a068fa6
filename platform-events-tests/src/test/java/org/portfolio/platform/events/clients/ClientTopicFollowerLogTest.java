package org.portfolio.platform.events.clients;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A forged record's type and source reach the log: one line, bounded (issue 13 audit: log injection). */
class ClientTopicFollowerLogTest {

    @Test
    void aForgedTypeCannotWriteLinesOrFloodTheLog() {
        String forged = "type x\n2026-12-03 INFO  [gateway] client admin enabled\r\u0007" + "A".repeat(10_000);
        String line = ClientTopicFollower.printable(forged);
        assertThat(line).doesNotContain("\n", "\r", "\u0007").hasSizeLessThanOrEqualTo(201).startsWith("type x?2026-12-03");
        assertThat(ClientTopicFollower.printable(null)).isEmpty();
    }
}
