package org.portfolio.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's connections shared among callers: a place that frees goes to the waiting caller that holds the fewest
 * (crowd check of the twenty-second pass, M6: four clients with 64 slow bodies each filled contracts-service's 128
 * connections, and another client's small GET queued behind all of them for up to 11.1 s).
 */
class FairSharesTest {

    private final List<String> granted = new ArrayList<>();

    private FairShares.Ticket enter(FairShares shares, String caller) {
        return shares.enter("contracts", caller, Runnable::run, () -> granted.add(caller));
    }

    @Test
    void aCallerWithNoneGoesBeforeTheOneThatFilledThePlaces() {
        FairShares shares = new FairShares(2, 100);
        FairShares.Ticket a1 = enter(shares, "c:a");
        enter(shares, "c:a");
        enter(shares, "c:a");
        enter(shares, "c:a");
        enter(shares, "c:b");
        assertThat(granted).containsExactly("c:a", "c:a");
        assertThat(shares.waiting("contracts")).isEqualTo(3);

        a1.close();

        assertThat(granted).as("b holds none, a one: b first, though a waited longer").containsExactly("c:a", "c:a", "c:b");
        assertThat(shares.holding("contracts", "c:b")).isEqualTo(1);
        assertThat(shares.holding("contracts", "c:a")).isEqualTo(1);
    }

    @Test
    void callersHoldingAsFewTakeTurns() {
        FairShares shares = new FairShares(1, 100);
        FairShares.Ticket first = enter(shares, "c:x");
        java.util.Map<String, java.util.ArrayDeque<FairShares.Ticket>> byCaller = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            for (String caller : List.of("c:a", "c:a", "c:b")) {
                byCaller.computeIfAbsent(caller, c -> new java.util.ArrayDeque<>()).add(enter(shares, caller));
            }
        }
        granted.clear();
        first.close();
        for (int i = 0; i < 8; i++) {
            // a caller's own requests are granted in their order: the holder is the first of the last granted caller's
            byCaller.get(granted.get(granted.size() - 1)).poll().close();
        }
        assertThat(granted).as("a sent twice as many, yet a and b alternate while both wait")
                .containsExactly("c:a", "c:b", "c:a", "c:b", "c:a", "c:b", "c:a", "c:a", "c:a");
    }

    @Test
    void aWaitGivenUpLeavesTheQueueAndAClosedTicketCountsOnce() {
        FairShares shares = new FairShares(1, 100);
        FairShares.Ticket holder = enter(shares, "c:a");
        FairShares.Ticket gaveUp = enter(shares, "c:b");
        FairShares.Ticket waits = enter(shares, "c:c");

        gaveUp.close();
        gaveUp.close();
        assertThat(shares.waiting("contracts")).isEqualTo(1);
        holder.close();
        holder.close();

        assertThat(granted).containsExactly("c:a", "c:c");
        assertThat(shares.holding("contracts", "c:c")).isEqualTo(1);
        waits.close();
        assertThat(shares.holding("contracts", "c:c")).isZero();
        assertThat(shares.waiting("contracts")).isZero();
        assertThat(enter(shares, "c:d")).as("the place is free again").isNotNull();
        assertThat(granted).endsWith("c:d");
    }

    @Test
    void aFullQueueIsRefusedAndServicesAreCountedApart() {
        FairShares shares = new FairShares(1, 2);
        enter(shares, "c:a");
        assertThat(enter(shares, "c:a")).isNotNull();
        assertThat(enter(shares, "c:b")).isNotNull();
        assertThat(enter(shares, "c:c")).as("two wait already").isNull();
        assertThat(shares.enter("autonomy", "c:c", Runnable::run, () -> granted.add("autonomy"))).isNotNull();
        assertThat(granted).containsExactly("c:a", "autonomy");
    }
}
