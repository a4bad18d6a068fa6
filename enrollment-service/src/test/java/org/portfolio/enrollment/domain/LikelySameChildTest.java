package org.portfolio.enrollment.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class LikelySameChildTest {

    private static final LocalDate BORN = LocalDate.of(2019, 3, 14);

    @Test
    void namesAreComparedByTheirLettersWhateverTheCaseAccentsAndPunctuation() {
        assertThat(LikelySameChild.of("Zoë-Ann", "O'Neil", BORN)).isEqualTo(LikelySameChild.of("zoe ann", "ONEIL", BORN));
        assertThat(LikelySameChild.of("José", "Muñoz", BORN)).isEqualTo(LikelySameChild.of("JOSE", "munoz", BORN));
    }

    @Test
    void aFirstNameEnteredAsTheLastIsTheSameChild() {
        assertThat(LikelySameChild.of("Maria", "Lopez", BORN)).isEqualTo(LikelySameChild.of("Lopez", "Maria", BORN));
    }

    @Test
    void anotherBirthDateOrAnotherNameIsAnotherChild() {
        assertThat(LikelySameChild.of("Maria", "Lopez", BORN)).isNotEqualTo(LikelySameChild.of("Maria", "Lopez", BORN.plusDays(1)));
        assertThat(LikelySameChild.of("Maria", "Lopez", BORN)).isNotEqualTo(LikelySameChild.of("Mario", "Lopez", BORN));
        assertThat(LikelySameChild.of("Maria", "Lopez", BORN)).isNotEqualTo(LikelySameChild.of("Maria", "Lopez-Diaz", BORN));
    }

    @Test
    void aNameOfPunctuationOnlyIsComparedAsWrittenNotWithEveryOther() {
        assertThat(LikelySameChild.of("—", "Lopez", BORN)).isNotEqualTo(LikelySameChild.of("·", "Lopez", BORN));
        assertThat(LikelySameChild.of("Лена", "Иванова", BORN)).isEqualTo(LikelySameChild.of("лена", "ИВАНОВА", BORN));
    }
}
