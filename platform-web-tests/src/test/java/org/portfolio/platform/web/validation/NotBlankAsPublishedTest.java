package org.portfolio.platform.web.validation;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NotBlankAsPublishedTest {

    /**
     * ECMA-262's {@code \s} in its own words: WhiteSpace (TAB, VT, FF, ZWNBSP, and every "Space_Separator" (Zs) code
     * point) and LineTerminator (LF, CR, LS, PS). The Zs set is read from the JDK's Unicode tables, not written out.
     */
    private static boolean ecmaSpace(int c) {
        return Set.of(0x09, 0x0B, 0x0C, 0xFEFF, 0x0A, 0x0D, 0x2028, 0x2029).contains(c)
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    @Test
    void aSpaceIsWhatEcmaScriptsBackslashSMatchesForEveryCodePoint() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            assertThat(NotBlankAsPublished.isSpace(c)).as("U+%04X", c).isEqualTo(ecmaSpace(c));
        }
    }

    @Test
    void blankIsOnlySpacesAsTheDocumentsPatternSays() {
        NotBlankAsPublished v = new NotBlankAsPublished();
        assertThat(v.isValid(null, null)).isFalse();
        assertThat(v.isValid("", null)).isFalse();
        assertThat(v.isValid(" \t\r\n", null)).isFalse();
        assertThat(v.isValid("\u00A0\u3000\uFEFF\u2028", null)).as("no-break, ideographic, BOM, line separator").isFalse();
        assertThat(v.isValid("\u001C", null)).as("a control character is not a space to ECMA-262").isTrue();
        assertThat(v.isValid(" Lincoln ", null)).isTrue();
        assertThat(v.isValid(new String(Character.toChars(0x1F600)), null)).isTrue();
    }
}
