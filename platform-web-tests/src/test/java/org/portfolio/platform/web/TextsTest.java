package org.portfolio.platform.web;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.text.Texts;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    static final String WIDE = new String(Character.toChars(0x1F600));

    @Test
    void textIsCutInCharactersOnAWholeOne() {
        assertThat(Texts.cut(null, 5)).isNull();
        assertThat(Texts.cut("abcde", 5)).isEqualTo("abcde");
        assertThat(Texts.cut("abcdef", 5)).isEqualTo("abcd…");
        assertThat(Texts.cut(WIDE.repeat(5), 5)).isEqualTo(WIDE.repeat(5));
        assertThat(Texts.cut(WIDE.repeat(6), 5)).isEqualTo(WIDE.repeat(4) + "…");
        assertThat(Texts.cut("a" + WIDE.repeat(5), 5)).isEqualTo("a" + WIDE.repeat(3) + "…");
    }

    @Test
    void textIsStrippedOfTheSpacesTheDocumentCountsAndOfNothingElse() {
        assertThat(Texts.strip(null)).isNull();
        assertThat(Texts.strip(" \u00A0\u3000Lincoln\t\u2028")).isEqualTo("Lincoln");
        assertThat(Texts.strip("\u001C")).as("not blank by the document: kept").isEqualTo("\u001C");
        assertThat(Texts.strip("\u001C").strip()).as("String.strip's other idea of a space").isEmpty();
        assertThat(Texts.strip(" \u00A0 ")).isEmpty();
    }
}
