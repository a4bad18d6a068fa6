package org.portfolio.autonomy.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CauseTextTest {

    static final String WIDE = new String(Character.toChars(0x1F600));

    /**
     * A reason valid by the document (2,000 characters, here emoji: 4,000 UTF-16 units) is kept whole; one past it is
     * cut on a whole character (nineteenth pass, hostile review: cut by units it kept 999 emoji and half of one).
     */
    @Test
    void aReasonIsKeptWholeUpToItsLengthInCharactersAndCutOnAWholeOne() {
        assertThat(Cause.manual("admin", WIDE.repeat(2000), null).reason).isEqualTo(WIDE.repeat(2000));
        String cut = Cause.manual("admin", WIDE.repeat(2001), null).reason;
        assertThat(cut).isEqualTo(WIDE.repeat(1999) + "…");
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(2000);
    }
}
