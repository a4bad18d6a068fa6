package org.portfolio.edfi.service;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Resource ids as Ed-Fi writes them: 32 hexadecimal digits (a GUID without hyphens); the hyphenated form is read too. */
public final class Ids {

    /** What {@link #parse} reads, for the API documents. */
    public static final String PATTERN = "^([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";

    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static String format(UUID id) {
        return id.toString().replace("-", "");
    }

    public static Optional<UUID> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        if (HEX32.matcher(s).matches()) {
            return Optional.of(UUID.fromString(s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20)));
        }
        return UUID_FORM.matcher(s).matches() ? Optional.of(UUID.fromString(s)) : Optional.empty();
    }
}
