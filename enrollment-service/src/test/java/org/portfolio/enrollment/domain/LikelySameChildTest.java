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

    /** The pass's own read, R8: letters a pure case change or a stroke tells apart were two children. */
    @Test
    void lettersWithoutADecompositionAndFullCaseFoldingCompareAlike() {
        assertThat(LikelySameChild.of("Οδυσσέας", "Παπαδόπουλος", BORN))
                .isEqualTo(LikelySameChild.of("ΟΔΥΣΣΕΑΣ", "ΠΑΠΑΔΟΠΟΥΛΟΣ", BORN));
        assertThat(LikelySameChild.of("Jürgen", "Weiß", BORN)).isEqualTo(LikelySameChild.of("JURGEN", "WEISS", BORN));
        assertThat(LikelySameChild.of("Łukasz", "Søren-Đorđe", BORN)).isEqualTo(LikelySameChild.of("lukasz", "soren dorde", BORN));
        assertThat(LikelySameChild.of("Işık", "Çelik", BORN)).isEqualTo(LikelySameChild.of("ISIK", "CELIK", BORN));
        assertThat(LikelySameChild.of("Zoë", "Lætitia-Œuvre", BORN)).isEqualTo(LikelySameChild.of("Zoe", "laetitia oeuvre", BORN));
    }

    /** R9: a vowel sign outside Latin, Greek and Cyrillic is part of the name, not an accent. */
    @Test
    void vowelSignsOfOtherScriptsTellNamesApart() {
        assertThat(LikelySameChild.of("राम", "शर्मा", BORN)).isNotEqualTo(LikelySameChild.of("रम", "शर्मा", BORN));
        assertThat(LikelySameChild.of("ดี", "สมชาย", BORN)).isNotEqualTo(LikelySameChild.of("ดู", "สมชาย", BORN));
        assertThat(LikelySameChild.of("குமார்", "ராஜ்", BORN)).isEqualTo(LikelySameChild.of("குமார்", "ராஜ்", BORN));
        assertThat(LikelySameChild.of("김민준", "Park", BORN)).isEqualTo(LikelySameChild.of("김민준", "PARK", BORN));
    }
}
