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

    private static WaitlistEntry waiting(double lottery) {
        WaitlistEntry w = new WaitlistEntry();
        w.priorityGroup = "GENERAL";
        w.lottery = lottery;
        return w;
    }
}
