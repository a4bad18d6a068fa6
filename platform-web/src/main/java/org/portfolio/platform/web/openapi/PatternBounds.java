package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string's {@code maxLength} where its {@code pattern} already bounds it. OWASP's API ruleset and Redocly flag
 * every request string without a {@code maxLength}, and generated clients check {@code maxLength} but not always the
 * pattern; most of ours carry an anchored pattern such as {@code ^[A-Z][A-Z0-9_]{1,59}$} that no string longer than
 * 60 characters matches. The services enforce the pattern, so a maxLength derived from it is enforced too: this
 * writes it down, next to the pattern, on every string schema (or schema without a type) that has none.
 *
 * <p>Only what it can read for certain: a pattern anchored as a whole ({@code ^…$}, not {@code ^a|b$}) built from
 * literals, escapes, {@code .}, character classes, groups ({@code (…)}, {@code (?:…)}), alternation and the quantifiers
 * {@code ?}, {@code {n}}, {@code {n,m}} (lazy or not), each read as ECMAScript reads it. A {@code *}, {@code +},
 * {@code {n,}}, a backreference, a lookaround, an inline flag, or what Java and ECMAScript read apart ({@code []},
 * a class in a class, {@code \0}, {@code \c}, {@code \Q}, {@code \R}, {@code \p}) leaves the schema as it is.
 */
final class PatternBounds {

    private static final long UNKNOWN = -1;
    /** Escapes that are not one character in both Java and ECMAScript: backreferences, assertions, quoting, properties. */
    private static final String UNREAD_ESCAPES = "0123456789bBckpPQERXGAzZN";
    private static final String HEX = "0123456789abcdefABCDEF";
    private static final Pattern BRACES = Pattern.compile("\\{(\\d{1,9})(?:,(\\d{1,9}))?}");

    private final String p;
    private int i;

    private PatternBounds(String pattern) {
        this.p = pattern;
    }

    /** Sets {@code maxLength} on every string schema whose pattern bounds it and that has none; how many it set. */
    static int apply(OpenAPI api) {
        int[] bounded = {0};
        SchemaWalk.each(api, s -> {
            if (s.getPattern() != null && s.getMaxLength() == null
                    && (s.getType() == null || s.getType().contains(Schema.SchemaType.STRING))) {
                OptionalInt max = maxLength(s.getPattern());
                if (max.isPresent()) {
                    s.setMaxLength(max.getAsInt());
                    bounded[0]++;
                }
            }
        });
        return bounded[0];
    }

    /** The length of the longest string the pattern matches, if it is anchored as a whole and read for certain. */
    static OptionalInt maxLength(String pattern) {
        if (!pattern.startsWith("^")) {
            return OptionalInt.empty();
        }
        PatternBounds r = new PatternBounds(pattern);
        r.i = 1;
        long n = r.sequence(); // a top-level '|' stops it before the '$': then the pattern is not anchored as a whole
        boolean anchored = r.i == pattern.length() - 1 && pattern.charAt(r.i) == '$';
        return n == UNKNOWN || !anchored ? OptionalInt.empty() : OptionalInt.of((int) n);
    }

    private long alternation() {
        long max = sequence();
        while (max != UNKNOWN && i < p.length() && p.charAt(i) == '|') {
            i++;
            long n = sequence();
            max = n == UNKNOWN ? UNKNOWN : Math.max(max, n);
        }
        return max;
    }

    private long sequence() {
        long total = 0;
        while (i < p.length() && "|)$".indexOf(p.charAt(i)) < 0) {
            long atom = atom();
            long n = atom == UNKNOWN ? UNKNOWN : quantified(atom);
            if (n == UNKNOWN || (total += n) > Integer.MAX_VALUE) {
                return UNKNOWN;
            }
        }
        return total;
    }

    private long atom() {
        return switch (p.charAt(i++)) {
            case '(' -> group();
            case '[' -> characterClass();
            case '\\' -> escape();
            case '^', '*', '+', '?', '{' -> UNKNOWN;
            default -> 1; // a literal or '.'
        };
    }

    private long group() {
        if (p.startsWith("?", i) && !p.startsWith("?:", i)) {
            return UNKNOWN; // a lookaround, a named group, an inline flag
        }
        i += p.startsWith("?:", i) ? 2 : 0;
        long n = alternation();
        return n == UNKNOWN || !p.startsWith(")", i++) ? UNKNOWN : n;
    }

    private long escape() {
        if (i >= p.length() || UNREAD_ESCAPES.indexOf(p.charAt(i)) >= 0) {
            return UNKNOWN;
        }
        char c = p.charAt(i++);
        int digits = c == 'u' ? 4 : c == 'x' ? 2 : 0; // a code unit by its four or two hex digits is one character
        for (int end = i + digits; i < end; i++) {
            if (i >= p.length() || HEX.indexOf(p.charAt(i)) < 0) {
                return UNKNOWN;
            }
        }
        return 1;
    }

    private long characterClass() {
        if (p.startsWith("^", i)) {
            i++;
        }
        if (p.startsWith("]", i)) {
            return UNKNOWN; // [] and [^] match nothing and anything in ECMAScript; in Java the ']' is a member
        }
        while (i < p.length()) {
            char c = p.charAt(i++);
            if (c == ']') {
                return 1;
            }
            if (c == '[') {
                return UNKNOWN; // a class in a class in Java, a member in ECMAScript
            }
            if (c == '\\') {
                if (i >= p.length() || p.charAt(i) == 'Q') {
                    return UNKNOWN; // Java's quoted run
                }
                i++;
            }
        }
        return UNKNOWN;
    }

    private long quantified(long atom) {
        Matcher braces = BRACES.matcher(p).region(i, p.length());
        long max;
        if (p.startsWith("?", i)) {
            i++;
            max = atom;
        } else if (braces.lookingAt()) {
            long from = Long.parseLong(braces.group(1));
            long to = braces.group(2) == null ? from : Long.parseLong(braces.group(2));
            if (to < from) {
                return UNKNOWN;
            }
            i = braces.end();
            max = atom * to;
        } else {
            return p.startsWith("*", i) || p.startsWith("+", i) || p.startsWith("{", i) ? UNKNOWN : atom;
        }
        if (p.startsWith("?", i)) {
            i++; // lazy: the same strings
        }
        return max;
    }
}
