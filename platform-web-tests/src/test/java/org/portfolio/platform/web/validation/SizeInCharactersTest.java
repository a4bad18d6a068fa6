package org.portfolio.platform.web.validation;

import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SizeInCharactersTest {

    static final String SMILE = new String(Character.toChars(0x1F600));

    @Size(min = 2, max = 3)
    static String bounded;

    private static SizeInCharacters validator() throws Exception {
        SizeInCharacters v = new SizeInCharacters();
        v.initialize(SizeInCharactersTest.class.getDeclaredField("bounded").getAnnotation(Size.class));
        return v;
    }

    @Test
    void aSurrogatePairIsOneCharacterAndBothBoundsHold() throws Exception {
        SizeInCharacters v = validator();
        assertThat(v.isValid(null, null)).isTrue();
        assertThat(v.isValid(SMILE.repeat(3), null)).as("six UTF-16 units, three characters").isTrue();
        assertThat(v.isValid("a" + SMILE + "b", null)).isTrue();
        assertThat(v.isValid(SMILE.repeat(4), null)).isFalse();
        assertThat(v.isValid(SMILE, null)).as("one character, under the minimum").isFalse();
        assertThat(v.isValid("\uD83D" + "x", null)).as("an unpaired surrogate counts as one").isTrue();
    }
}
