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
     * numbers. A set-aside now says whether its seats went to applicants ranked ahead, never anyone's number but the
     * family's own, nor whether the last admitted is a member.
     */
    @Test
    void aSetAsideSaysHowItFilledWithoutTheLastAdmittedsNumberOrMembership() {
        SeatBlock open = new SeatBlock(0, null, 2, 2, PriorityGroup.ZONE, true, 0.0731);
        SeatBlock frlByMembers = new SeatBlock(1, "FRL", 1, 1, PriorityGroup.GENERAL, true, 0.2210);
        SeatBlock ellWithOthers = new SeatBlock(2, "ELL", 1, 1, PriorityGroup.GENERAL, false, 0.3317);
        WaitlistEntry frlMember = waiting(0.4410);
        frlMember.reserveMask = 1;
        assertThat(ResultService.explain(new Program(), List.of(open, frlByMembers, ellWithOthers), frlMember))
                .isEqualTo("open seats full: last seat went to group ZONE, lottery 0.0731; yours: GENERAL, 0.4410; "
                        + "FRL set-aside seats full: every seat went to an applicant ranked ahead of you (FRL members first, "
                        + "then priority group and lottery); yours: FRL member, GENERAL, 0.4410; "
                        + "ELL set-aside seats full: every seat went to an applicant ranked ahead of you (ELL members first, "
                        + "then priority group and lottery); yours: not ELL, GENERAL, 0.4410");
        // a non-member with a better number than both last admitted: behind the member, ahead of the non-member
        WaitlistEntry nonMember = waiting(0.1000);
        String why = ResultService.explain(new Program(), List.of(frlByMembers, ellWithOthers), nonMember);
        assertThat(why)
                .isEqualTo("FRL set-aside seats full: every seat went to an applicant ranked ahead of you (FRL members first, "
                        + "then priority group and lottery); yours: not FRL, GENERAL, 0.1000; "
                        + "ELL set-aside seats full (ELL members first, then priority group and lottery); yours: not ELL, GENERAL, 0.1000");
        // a member behind a non-member (not the match's order; a seat freed and given since): no claim either way
        WaitlistEntry ellMember = waiting(0.9);
        ellMember.reserveMask = 2;
        assertThat(ResultService.explain(new Program(), List.of(ellWithOthers), ellMember))
                .isEqualTo("ELL set-aside seats full (ELL members first, then priority group and lottery); yours: ELL member, GENERAL, 0.9000");
    }

    private static WaitlistEntry waiting(double lottery) {
        WaitlistEntry w = new WaitlistEntry();
        w.priorityGroup = "GENERAL";
        w.lottery = lottery;
        return w;
    }
}
