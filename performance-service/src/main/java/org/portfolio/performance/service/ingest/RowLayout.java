package org.portfolio.performance.service.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fields of one kind of row and where each value goes in the row's value array. */
public final class RowLayout {

    private final List<String> fields;
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> loose = new HashMap<>();
    private final String unknownField;

    public RowLayout(List<String> fields) {
        if (fields.size() > 64) {
            throw new IllegalArgumentException("a row has at most 64 fields"); // RowReaders tracks them in a long
        }
        this.fields = List.copyOf(fields);
        this.unknownField = "unknown field; expected " + String.join(", ", fields);
        for (int i = 0; i < fields.size(); i++) {
            exact.put(fields.get(i), i);
            loose.put(normalize(fields.get(i)), i);
        }
    }

    public int size() {
        return fields.size();
    }

    public String name(int index) {
        return fields.get(index);
    }

    public List<String> fields() {
        return fields;
    }

    /** The message of a row error for a field this layout does not have (one string for every such error). */
    public String unknownField() {
        return unknownField;
    }

    /** JSON field names match exactly (camelCase). */
    public int index(String jsonField) {
        Integer i = exact.get(jsonField);
        return i == null ? -1 : i;
    }

    /** CSV headers match loosely: case, '_', '-' and spaces are ignored ({@code student_id} = {@code studentId}). */
    public int headerIndex(String header) {
        Integer i = loose.get(normalize(header));
        return i == null ? -1 : i;
    }

    static String normalize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '_' && c != '-' && c != ' ' && c != '\uFEFF') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
