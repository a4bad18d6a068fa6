package org.portfolio.enrollment.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a later round splits the seats earlier rounds left (eighth pass of 2026-12-06, E9): a set-aside's share is of
 * the program's seats, so a later round reserves what the set-aside is still owed, not its share again of the seats left.
 */
class SetAsideAcrossRoundsTest {

    private static Program program(int seats, SetAside... setAsides) {
        Program p = new Program();
        p.seats = seats;
        p.setAsides.addAll(java.util.List.of(setAsides));
        return p;
    }

    @Test
    void theReserveStillHeldFromAnEarlierRoundIsNotReservedAgain() {
        // 10 seats at 50 % FRL; round 1's 5 reserved seats are held and 4 of its 5 open seats were declined
        Program p = program(10, new SetAside("FRL", 50));
        assertThat(p.blockSeats(4, 6, Map.of("FRL", 5))).containsExactly(4, 0);
        // the rule before: the share of the seats left, 2 more reserved, 7 of 10 in all
        assertThat(p.blockSeats(4)).containsExactly(2, 2);
    }

    @Test
    void declinedReservedSeatsComeBackToTheReserve() {
        Program p = program(10, new SetAside("FRL", 50));
        assertThat(p.blockSeats(4, 6, Map.of("FRL", 3))).containsExactly(2, 2);
        assertThat(p.blockSeats(5, 5, Map.of())).containsExactly(0, 5);
        assertThat(p.blockSeats(10, 0, Map.of())).containsExactly(5, 5);
    }

    @Test
    void withNothingHeldBeforeItIsTheFirstRoundsSplit() {
        Program p = program(7, new SetAside("FRL", 30), new SetAside("ELL", 25));
        for (int seats = 0; seats <= 40; seats++) {
            assertThat(p.blockSeats(seats, 0, Map.of())).as("%d seats", seats).containsExactly(p.blockSeats(seats));
        }
    }

    @Test
    void theReserveNeverTakesMoreThanTheSeatsLeftAndComesInSetAsideOrder() {
        Program p = program(10, new SetAside("FRL", 30), new SetAside("ELL", 20));
        // 8 open seats held (more than the 5 open of 10: the seats were cut), 2 left: FRL is owed 3, ELL 2
        assertThat(p.blockSeats(2, 8, Map.of())).containsExactly(0, 2, 0);
        // a reserve held in a group the program no longer sets aside counts as a seat held, owed to nobody
        assertThat(p.blockSeats(6, 4, Map.of("IEP", 4))).containsExactly(1, 3, 2);
    }

    @Test
    void acrossRoundsTheReservedSeatsNeverExceedTheShareOfTheProgramsSeats() {
        Program p = program(13, new SetAside("FRL", 40), new SetAside("ELL", 20));
        int[] whole = p.blockSeats(13);
        for (int frlHeld = 0; frlHeld <= whole[1]; frlHeld++) {
            for (int ellHeld = 0; ellHeld <= whole[2]; ellHeld++) {
                for (int openHeld = 0; openHeld <= whole[0]; openHeld++) {
                    int held = frlHeld + ellHeld + openHeld;
                    int[] b = p.blockSeats(13 - held, held, Map.of("FRL", frlHeld, "ELL", ellHeld));
                    assertThat(b[0] + b[1] + b[2]).isEqualTo(13 - held);
                    assertThat(frlHeld + b[1]).isEqualTo(whole[1]);
                    assertThat(ellHeld + b[2]).isEqualTo(whole[2]);
                }
            }
        }
    }
}
