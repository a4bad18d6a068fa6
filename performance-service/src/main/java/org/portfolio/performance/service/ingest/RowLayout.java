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

    public RowLayout(List<String> fields) {
        this.fields = List.copyOf(fields);
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
