package org.portfolio.gateway.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A path pattern of the gateway's configuration: literal segments, {@code *} for one segment, {@code {name}}
 * for one segment that is captured, and a final {@code **} for any number of further segments (also none).
 */
public final class PathPattern {

    private static final String ANY = "*";
    private static final String REST = "**";

    private final String source;
    private final String[] segments;
    private final boolean open;
    private final int captureIndex;

    private PathPattern(String source, String[] segments, boolean open, int captureIndex) {
        this.source = source;
        this.segments = segments;
        this.open = open;
        this.captureIndex = captureIndex;
    }

    public static PathPattern parse(String pattern) {
        String p = pattern.trim();
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with /: " + pattern);
        }
        List<String> parts = new ArrayList<>(List.of(segments(p)));
        boolean open = false;
        if (!parts.isEmpty() && parts.get(parts.size() - 1).equals(REST)) {
            open = true;
            parts.remove(parts.size() - 1);
        }
        int capture = -1;
        for (int i = 0; i < parts.size(); i++) {
            String s = parts.get(i);
            if (s.equals(REST)) {
                throw new IllegalArgumentException("** is allowed only at the end: " + pattern);
            }
            if (s.startsWith("{") && s.endsWith("}")) {
                if (capture >= 0) {
                    throw new IllegalArgumentException("one {placeholder} per pattern: " + pattern);
                }
                capture = i;
            }
        }
        return new PathPattern(p, parts.toArray(String[]::new), open, capture);
    }

    /** The segments of a normalized path ({@code /a/b/} → a, b). */
    public static String[] segments(String path) {
        List<String> out = new ArrayList<>(8);
        int start = 1;
        int n = path.length();
        while (start <= n) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            if (end > start) {
                out.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return out.toArray(String[]::new);
    }

    public boolean matches(String[] path) {
        if (path.length < segments.length || (!open && path.length != segments.length)) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (!s.equals(ANY) && i != captureIndex && !s.equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    /** The captured segment when the path matches, else null. */
    public String capture(String[] path) {
        return captureIndex >= 0 && matches(path) ? path[captureIndex] : null;
    }

    @Override
    public String toString() {
        return source;
    }
}
