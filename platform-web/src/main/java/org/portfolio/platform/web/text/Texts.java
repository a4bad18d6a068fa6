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
}
