package org.portfolio.enrollment.match;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams {@code school-choice-instance/v1} files in and assignment files out (Jackson's streaming API: no tree, no
 * objects per choice). Object key order carries no meaning, so priorities may come before the students; they are
 * kept by id until both are known. Unknown fields are skipped.
 */
public final class InstanceJson {

    private static final JsonFactory JSON = JsonFactory.builder()
            // 80,000 distinct student ids as field names overflow the name canonicalizer; plain strings are faster here
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    private InstanceJson() {
    }

    /** A malformed or inconsistent instance. */
    public static final class InvalidInstanceException extends RuntimeException {
        public InvalidInstanceException(String message) {
            super(message);
        }
    }

    public static SchoolChoiceInstance read(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            return new Reader(p).read();
        }
    }

    /** Writes {"student": "program" | null, ...} in instance order. */
    public static void writeAssignment(SchoolChoiceInstance inst, int[] assignedProgram, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (int s = 0; s < inst.students(); s++) {
                g.writeFieldName(inst.studentIds[s]);
                int p = assignedProgram[s];
                if (p < 0) {
                    g.writeNull();
                } else {
                    g.writeString(inst.programIds[p]);
                }
            }
            g.writeEndObject();
        }
    }

    private static final class Reader {
        final JsonParser p;
        final List<String> programIds = new ArrayList<>();
        int[] capacity = new int[1024];
        final List<String> studentIds = new ArrayList<>();
        double[] lottery = new double[1024];
        int[] choiceStart = new int[1025];
        /** per choice the program index, or -1 when the program was not known yet (then choiceIds holds the id) */
        int[] choiceProg = new int[8192];
        String[] choiceIds;
        int choices;
        final IdIndex programIndex = new IdIndex(1024);
        IdIndex studentIndex;
        /** priorities by program id: parallel lists of student ids and groups, resolved at the end. */
        final Map<String, PriorityList> priorities = new HashMap<>();
        boolean studentsDone;

        Reader(JsonParser p) {
            this.p = p;
        }

        SchoolChoiceInstance read() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the instance must be a JSON object");
            boolean sawPrograms = false;
            boolean sawStudents = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "schema" -> {
                        if (t != JsonToken.VALUE_STRING || !"school-choice-instance/v1".equals(p.getText())) {
                            throw new InvalidInstanceException("schema must be \"school-choice-instance/v1\"");
                        }
                    }
                    case "programs" -> {
                        readPrograms(t);
                        sawPrograms = true;
                    }
                    case "students" -> {
                        readStudents(t);
                        sawStudents = true;
                        studentsDone = true;
                    }
                    case "priorities" -> readPriorities(t);
                    default -> p.skipChildren();
                }
            }
            if (!sawPrograms || !sawStudents) {
                throw new InvalidInstanceException("the instance needs \"programs\" and \"students\"");
            }
            return build();
        }

        void readPrograms(JsonToken t) throws IOException {
            expect(t, JsonToken.START_ARRAY, "programs must be an array");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String id = null;
                int cap = -1;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("id".equals(f)) {
                        expect(v, JsonToken.VALUE_STRING, "programs[].id must be a string");
                        id = p.getText();
                    } else if ("capacity".equals(f)) {
                        expect(v, JsonToken.VALUE_NUMBER_INT, "programs[].capacity must be an integer");
                        cap = p.getIntValue();
                    } else {
                        p.skipChildren();
                    }
                }
                if (id == null || cap < 0) {
                    throw new InvalidInstanceException("program #" + programIds.size() + " needs an id and a capacity ≥ 0");
                }
                if (programIds.size() == capacity.length) {
                    capacity = Arrays.copyOf(capacity, capacity.length * 2);
                }
                capacity[programIds.size()] = cap;
                if (programIndex.put(id, programIds.size()) >= 0) {
                    throw new InvalidInstanceException("duplicate program id " + id);
                }
                programIds.add(id);
            }
        }

        void readStudents(JsonToken t) throws IOException {
            expect(t, JsonToken.START_ARRAY, "students must be an array");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String id = null;
                double lot = Double.NaN;
                int start = choices;
                boolean sawChoices = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (f) {
                        case "id" -> {
                            expect(v, JsonToken.VALUE_STRING, "students[].id must be a string");
                            id = p.getText();
                        }
                        case "lottery" -> {
                            if (v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) {
                                throw new InvalidInstanceException("students[].lottery must be a number");
                            }
                            lot = p.getDoubleValue();
                        }
                        case "choices" -> {
                            expect(v, JsonToken.START_ARRAY, "students[].choices must be an array");
                            sawChoices = true;
                            JsonToken c;
                            while ((c = p.nextToken()) != JsonToken.END_ARRAY) {
                                expect(c, JsonToken.VALUE_STRING, "students[].choices[] must be program ids");
                                if (choices == choiceProg.length) {
                                    choiceProg = Arrays.copyOf(choiceProg, choiceProg.length * 2);
                                    if (choiceIds != null) {
                                        choiceIds = Arrays.copyOf(choiceIds, choiceProg.length);
                                    }
                                }
                                int pi = programIndex.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                                if (pi < 0) {
                                    // programs may come later in the file: keep the id
                                    if (choiceIds == null) {
                                        choiceIds = new String[choiceProg.length];
                                    }
                                    choiceIds[choices] = p.getText();
                                }
                                choiceProg[choices++] = pi;
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
                int s = studentIds.size();
                if (id == null || Double.isNaN(lot)) {
                    throw new InvalidInstanceException("student #" + s + " needs an id and a lottery number");
                }
                if (!sawChoices) {
                    choices = start;
                }
                if (s == lottery.length) {
                    lottery = Arrays.copyOf(lottery, lottery.length * 2);
                    choiceStart = Arrays.copyOf(choiceStart, lottery.length + 1);
                }
                lottery[s] = lot;
                choiceStart[s] = start;
                choiceStart[s + 1] = choices;
                studentIds.add(id);
            }
        }

        void readPriorities(JsonToken t) throws IOException {
            expect(t, JsonToken.START_OBJECT, "priorities must be an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String program = p.currentName();
                expect(p.nextToken(), JsonToken.START_OBJECT, "priorities[" + program + "] must be an object");
                PriorityList list = priorities.computeIfAbsent(program, k -> new PriorityList());
                IdIndex students = studentIndex();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int si = students == null ? -1 : students.get(name);
                    String student = si < 0 ? name : null;
                    if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                        throw new InvalidInstanceException("priorities[" + program + "][" + p.currentName() + "] must be an integer");
                    }
                    list.add(si, student, p.getIntValue());
                }
            }
        }

        /** The student index once the students are read (and checked for duplicates), else null. */
        IdIndex studentIndex() {
            if (studentIndex == null && !studentIds.isEmpty() && studentsDone) {
                IdIndex idx = new IdIndex(studentIds.size());
                for (int i = 0; i < studentIds.size(); i++) {
                    if (idx.put(studentIds.get(i), i) >= 0) {
                        throw new InvalidInstanceException("duplicate student id " + studentIds.get(i));
                    }
                }
                studentIndex = idx;
            }
            return studentIndex;
        }

        SchoolChoiceInstance build() {
            int np = programIds.size();
            int ns = studentIds.size();
            IdIndex studentIndex = studentIndex();
            if (studentIndex == null) {
                studentIndex = new IdIndex(1);
            }
            int[] choiceProgram = new int[choices];
            int[] perProgram = new int[np + 1];
            for (int s = 0; s < ns; s++) {
                for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                    int pi = choiceProg[c] >= 0 ? choiceProg[c] : programIndex.get(choiceIds[c]);
                    if (pi < 0) {
                        throw new InvalidInstanceException("student " + studentIds.get(s) + " ranks unknown program " + choiceIds[c]);
                    }
                    for (int d = choiceStart[s]; d < c; d++) {
                        if (choiceProgram[d] == pi) {
                            throw new InvalidInstanceException("student " + studentIds.get(s) + " ranks " + choiceIds[c] + " twice");
                        }
                    }
                    choiceProgram[c] = pi;
                    perProgram[pi + 1]++;
                }
            }
            choiceIds = null;
            choiceProg = null;
            // choices grouped by program (counting sort), to fill priorities program by program
            for (int i = 0; i < np; i++) {
                perProgram[i + 1] += perProgram[i];
            }
            int[] fill = Arrays.copyOf(perProgram, np);
            int[] byProgram = new int[choices];
            int[] owner = new int[choices];
            for (int s = 0; s < ns; s++) {
                for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                    byProgram[fill[choiceProgram[c]]++] = c;
                    owner[c] = s;
                }
            }
            int[] choicePriority = new int[choices];
            int[] stamp = new int[ns];
            int[] group = new int[ns];
            for (int pi = 0; pi < np; pi++) {
                if (perProgram[pi] == perProgram[pi + 1]) {
                    continue;
                }
                PriorityList list = priorities.get(programIds.get(pi));
                int mark = pi + 1;
                if (list != null) {
                    for (int i = 0; i < list.size; i++) {
                        int si = list.index[i] >= 0 ? list.index[i]
                                : list.ids[i] == null ? -1 : studentIndex.get(list.ids[i]);
                        if (si >= 0) {
                            stamp[si] = mark;
                            group[si] = list.groups[i];
                        }
                    }
                }
                for (int j = perProgram[pi]; j < perProgram[pi + 1]; j++) {
                    int c = byProgram[j];
                    int s = owner[c];
                    if (stamp[s] != mark) {
                        throw new InvalidInstanceException("no priority for student " + studentIds.get(s) + " at program "
                                + programIds.get(pi) + ", which it ranks");
                    }
                    choicePriority[c] = group[s];
                }
            }
            return new SchoolChoiceInstance(programIds.toArray(String[]::new), Arrays.copyOf(capacity, np),
                    studentIds.toArray(String[]::new), Arrays.copyOf(lottery, ns), Arrays.copyOf(choiceStart, ns + 1),
                    choiceProgram, choicePriority);
        }

        void expect(JsonToken actual, JsonToken expected, String message) {
            if (actual != expected) {
                throw new InvalidInstanceException(message + " (found " + actual + " at " + p.currentLocation().getLineNr()
                        + ":" + p.currentLocation().getColumnNr() + ")");
            }
        }
    }

    /** Priorities of one program: the student index, or (when the students were not read yet) its id. */
    private static final class PriorityList {
        int[] index = new int[16];
        String[] ids;
        int[] groups = new int[16];
        int size;

        void add(int studentIndex, String id, int g) {
            if (size == index.length) {
                index = Arrays.copyOf(index, size * 2);
                groups = Arrays.copyOf(groups, size * 2);
                if (ids != null) {
                    ids = Arrays.copyOf(ids, size * 2);
                }
            }
            if (id != null) {
                if (ids == null) {
                    ids = new String[index.length];
                }
                ids[size] = id;
            }
            index[size] = studentIndex;
            groups[size++] = g;
        }
    }

    /**
     * Open-addressing map from id to index that looks ids up straight from the parser's character buffer, so the
     * 2 million id occurrences of a large instance cost no String each.
     */
    static final class IdIndex {
        private String[] keys;
        private int[] values;
        private int mask;
        private int size;

        IdIndex(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            keys = new String[cap];
            values = new int[cap];
            mask = cap - 1;
        }

        private static int mix(int h) {
            return h ^ (h >>> 16) ^ (h >>> 7);
        }

        /** @return the previous index of the id, or -1 */
        int put(String key, int value) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int i = mix(key.hashCode()) & mask;
            while (keys[i] != null) {
                if (keys[i].equals(key)) {
                    int old = values[i];
                    values[i] = value;
                    return old;
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
            size++;
            return -1;
        }

        int get(String key) {
            int i = mix(key.hashCode()) & mask;
            while (keys[i] != null) {
                if (keys[i].equals(key)) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        int get(char[] buf, int off, int len) {
            int h = 0;
            for (int j = 0; j < len; j++) {
                h = 31 * h + buf[off + j];
            }
            int i = mix(h) & mask;
            String k;
            while ((k = keys[i]) != null) {
                if (k.length() == len && same(k, buf, off, len)) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        private static boolean same(String k, char[] buf, int off, int len) {
            for (int j = 0; j < len; j++) {
                if (k.charAt(j) != buf[off + j]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            String[] oldKeys = keys;
            int[] oldValues = values;
            keys = new String[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            mask = keys.length - 1;
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
    }
}
