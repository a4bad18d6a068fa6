package org.portfolio.enrollment.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoundNameTest {

    /** A next round's name keeps 200 characters of a name of emoji, cut on a whole one (nineteenth pass). */
    @Test
    void aNameOfWideCharactersIsCutInCharacters() {
        String wide = new String(Character.toChars(0x1F600));
        String name = PeriodService.roundName("a" + wide.repeat(199), 2);
        assertThat(name).endsWith(" — round 2");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(200);
        assertThat(name).startsWith("a" + wide.repeat(189)).doesNotContain("\uD83D ");
    }
}
