package org.portfolio.enrollment.service;

import org.junit.jupiter.api.Test;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.domain.SeatBlock;
import org.portfolio.enrollment.domain.WaitlistEntry;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultExplanationTest {

    /** Review of 2026-12-06: "last seat 0.4410; yours 0.4410" told a rejected child nothing. */
    @Test
    void lotteryNumbersAreShownWithEnoughDigitsToTellThemApart() {
        SeatBlock full = new SeatBlock(0, null, 1, 1, PriorityGroup.GENERAL, null, 0.441031);
        assertThat(ResultService.explain(new Program(), List.of(full), waiting(0.441049)))
                .isEqualTo("full: last seat went to group GENERAL, lottery 0.44103; yours: GENERAL, 0.44105");
        assertThat(ResultService.explain(new Program(), List.of(full), waiting(0.6)))
                .isEqualTo("full: last seat went to group GENERAL, lottery 0.4410; yours: GENERAL, 0.6000");
        // numbers 2^-53 apart still read differently
        String why = ResultService.explain(new Program(), List.of(full), waiting(Math.nextUp(0.441031)));
        String last = why.substring(why.indexOf("lottery ") + "lottery ".length(), why.indexOf(';'));
        String yours = why.substring(why.lastIndexOf(", ") + 2);
        assertThat(yours).isNotEqualTo(last);
        assertThat(Double.parseDouble(last)).isEqualTo(0.441031);
    }

    /**
     * Twelfth pass: a family read every set-aside's cutoff (group and lottery number of the last admitted), and two
     * cutoffs side by side (or one beside the open seats') tell which child holds a membership; families share their
     * numbers. A set-aside now reads the same whoever took its seats: the hostile read of the pass found a first
     * version that spoke of "ranked ahead" only where the enum's order of groups showed it, so its words differed with
     * the last admitted's membership.
     */
    @Test
    void aFullSetAsideReadsTheSameWhoeverTookItsSeats() {
        SeatBlock open = new SeatBlock(0, null, 2, 2, PriorityGroup.ZONE, true, 0.0731);
        WaitlistEntry frlMember = waiting(0.4410);
        frlMember.reserveMask = 1;
        assertThat(ResultService.explain(new Program(), List.of(open, new SeatBlock(1, "FRL", 1, 1, PriorityGroup.GENERAL, true, 0.2210),
                new SeatBlock(2, "ELL", 1, 1, PriorityGroup.GENERAL, false, 0.3317)), frlMember))
                .isEqualTo("open seats full: last seat went to group ZONE, lottery 0.0731; yours: GENERAL, 0.4410; "
                        + "FRL set-aside seats full: at the match every seat went to an applicant ranked ahead of you (FRL members first, "
                        + "then the program's priority groups and lottery); yours: FRL member, GENERAL, 0.4410; "
                        + "ELL set-aside seats full: at the match every seat went to an applicant ranked ahead of you (ELL members first, "
                        + "then the program's priority groups and lottery); yours: not ELL, GENERAL, 0.4410");
        // whoever held the last seat — member or not, any group, any number — a waitlisted family reads the same words
        for (WaitlistEntry family : List.of(waiting(0.1000), waiting(0.9000), frlMember)) {
            family.priorityGroup = "SIBLING";
            java.util.Set<String> texts = new java.util.HashSet<>();
            for (boolean member : new boolean[] {true, false}) {
                for (PriorityGroup group : PriorityGroup.values()) {
                    for (double lottery : new double[] {0.05, 0.5, 0.95}) {
                        texts.add(ResultService.explain(new Program(), List.of(new SeatBlock(1, "FRL", 1, 1, group, member, lottery)), family));
                    }
                }
            }
            assertThat(texts).as("lottery %s", family.lottery).hasSize(1);
            assertThat(texts.iterator().next()).doesNotContain("0.05").doesNotContain("0.5000").doesNotContain("0.95");
        }
    }

    private static WaitlistEntry waiting(double lottery) {
        WaitlistEntry w = new WaitlistEntry();
        w.priorityGroup = "GENERAL";
        w.lottery = lottery;
        return w;
    }
}
