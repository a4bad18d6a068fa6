package org.portfolio.enrollment.service;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLinesTest {

    static List<String> lines(String body, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (BoundedLines r = new BoundedLines(new StringReader(body), max)) {
            String s;
            while ((s = r.next()) != null) {
                out.add(s == BoundedLines.TOO_LONG ? "TOO_LONG" : s);
            }
        }
        return out;
    }

    @Test
    void linesEndAtLfWithOrWithoutCrAndTheLastNeedsNoBreak() throws IOException {
        assertThat(lines("a\r\nbb\n\nccc", 10)).containsExactly("a", "bb", "", "ccc");
        assertThat(lines("", 10)).isEmpty();
        assertThat(lines("a\n", 10)).containsExactly("a");
    }

    @Test
    void aLineOverTheBoundIsSkippedToItsEndNotHeld() throws IOException {
        assertThat(lines("12345\n123456\n1234567\r\nok", 6)).containsExactly("12345", "123456", "TOO_LONG", "ok");
        assertThat(lines("123456\r\n", 6)).containsExactly("123456");
        // a body with no line break at all, far over the bound
        assertThat(lines("x".repeat(1_000_000), 100)).containsExactly("TOO_LONG");
    }
}
