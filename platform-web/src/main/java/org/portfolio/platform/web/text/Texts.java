package org.portfolio.platform.web.text;

/**
 * Cutting stored text to a column's size, in characters (code points), as the document's {@code maxLength} and
 * PostgreSQL's {@code varchar(n)} count them. Cut by UTF-16 units (nineteenth pass, hostile review), a reason of 2,000
 * emoji, valid by the document, was kept as 999 of them, half of the next one (stored as {@code ?}) and "…".
 */
public final class Texts {

    private Texts() {
    }

    /** The text if it has at most {@code max} characters, else its first {@code max - 1} and "…"; null stays null. */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /**
     * The text without the spaces it begins and ends with, spaces as the document's "not blank" pattern counts them
     * (ECMA-262's {@code \s}, {@link org.portfolio.platform.web.validation.NotBlankAsPublished#isSpace}): a text that
     * is not blank by that pattern is never stripped to nothing, as {@code String.strip} would strip one of control
     * characters (hostile review of the twentieth pass: an erasure's reason stored empty). Null stays null.
     */
    public static String strip(String s) {
        if (s == null) {
            return null;
        }
        int from = 0;
        int to = s.length();
        while (from < to && org.portfolio.platform.web.validation.NotBlankAsPublished.isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && org.portfolio.platform.web.validation.NotBlankAsPublished.isSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }
}
