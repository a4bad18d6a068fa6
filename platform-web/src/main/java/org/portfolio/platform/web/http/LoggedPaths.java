package org.portfolio.platform.web.http;

import java.util.regex.Pattern;

/**
 * A request path as a log line may carry it: the segment after {@code /applications/} or {@code /applicants/} names an
 * applicant (a child), and no applicant id goes into a log (docs/enrollment-service.md). Found by the review of
 * 2026-12-06 (seventh pass): the gateway's 502/503/504 lines and the services' 409/503/500 lines logged the path as it
 * was. The path is the caller's text, decoded: a control character in it (a CR/LF sent as {@code %0d%0a}) would start
 * a forged log line, so each is written as a backslash, u and four hex digits, and a path is cut at {@value #MAX} characters (log audit,
 * sixteenth pass; a matrix parameter, {@code /applicants;v=1/<id>}, also hid the id from the mask).
 */
public final class LoggedPaths {

    /** The longest path a log line carries (the rest is cut, "…" marks it). */
    static final int MAX = 300;

    private static final Pattern APPLICANT = Pattern.compile("(?i)(/applications|/applicants)(;[^/]*)?/(?!search(?:[/;]|$))[^/]+");

    private LoggedPaths() {
    }

    public static String of(String path) {
        if (path == null) {
            return "?";
        }
        String masked = APPLICANT.matcher(path).replaceAll("$1/{applicantId}");
        StringBuilder out = new StringBuilder(Math.min(masked.length(), MAX) + 8);
        int i = 0;
        while (i < masked.length() && out.length() < MAX) {
            int cp = masked.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                // by code point: a supplementary FORMAT character (a tag, U+E0001…) is one, and a lone surrogate too
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return i < masked.length() ? out + "…" : out.toString();
    }
}
