package org.portfolio.integration.service;

import org.junit.jupiter.api.Test;
import org.portfolio.integration.domain.Claimed;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * W2 of the twenty-sixth pass: a claim of up to a thousand lanes read every event's data at once, whatever its size (up
 * to 900 KB each), into a 256 MB heap. A claim keeps its rows up to a byte budget (each event counted once, at least
 * one row) and gives the rest back from the first row past it on, so each lane keeps its earliest rows.
 */
class ClaimBudgetTest {

    private static final UUID SUB = UUID.randomUUID();

    private static Claimed row(long seq, long feedSeq, String lane) {
        return new Claimed(UUID.randomUUID(), SUB, feedSeq, lane, 1, Instant.EPOCH, Instant.EPOCH, null, true, seq);
    }

    @Test
    void theRowsPastTheBudgetAreGivenBackFromTheFirstOnePastIt() {
        List<Claimed> claimed = List.of(row(1, 10, "a"), row(2, 11, "b"), row(3, 10, "c"), row(4, 12, "a"), row(5, 13, "b"));
        Map<Long, Long> sizes = Map.of(10L, 600_000L, 11L, 300_000L, 12L, 500_000L, 13L, 1L);

        // 600 KB + 300 KB, the same event again (nothing more), then 500 KB would pass 1 MB: it and every later row
        assertThat(WebhookDispatcher.pastBudget(claimed, sizes, 1_000_000)).extracting(Claimed::seq).containsExactly(4L, 5L);
        assertThat(WebhookDispatcher.pastBudget(claimed, sizes, 10_000_000)).isEmpty();
        assertThat(WebhookDispatcher.pastBudget(claimed, sizes, 1)).as("at least one row kept, however large")
                .extracting(Claimed::seq).containsExactly(2L, 3L, 4L, 5L);
        assertThat(WebhookDispatcher.pastBudget(List.of(), sizes, 1)).isEmpty();
    }
}
