package org.portfolio.platform.web.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SizeInCharactersTest {

    static final String SMILE = new String(Character.toChars(0x1F600));

    @Test
    void aSurrogatePairIsOneCharacter() {
        assertThat(SizeInCharacters.characters(SMILE.repeat(3), 10)).isEqualTo(3);
        assertThat(SizeInCharacters.characters("a" + SMILE + "b", 10)).isEqualTo(3);
        assertThat(SizeInCharacters.characters("", 10)).isZero();
    }

    @Test
    void aLongValueIsCountedOnlyPastItsBound() {
        assertThat(SizeInCharacters.characters("x".repeat(1_000_000), 5)).isEqualTo(6);
        assertThat(SizeInCharacters.characters(SMILE.repeat(6), 5)).isEqualTo(6);
        assertThat(SizeInCharacters.characters(SMILE.repeat(5), 5)).isEqualTo(5);
    }

    @Test
    void anUnpairedSurrogateCountsAsOne() {
        assertThat(SizeInCharacters.characters("\uD83D" + "x", 10)).isEqualTo(2);
        assertThat(SizeInCharacters.characters("x".repeat(6) + "\uD83D", 5)).isEqualTo(6);
    }
}
