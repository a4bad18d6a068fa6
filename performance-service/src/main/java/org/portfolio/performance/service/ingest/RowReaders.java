package org.portfolio.performance.service.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.portfolio.performance.domain.RowError;
import org.portfolio.platform.web.json.JsonLimits;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming readers for uploads: a JSON array of row objects (Jackson's streaming parser) or CSV with a header row
 * (Jackson's CSV parser, one record at a time). Neither builds the document: one reused value array per upload.
 * A problem within a row is reported with the row; a document that cannot be parsed at all stops the upload.
 * <p>
 * Memory is bounded whatever the body holds: the parsers refuse values longer than {@link #MAX_VALUE_LENGTH}, field
 * names longer than {@link JsonLimits#MAX_NAME_LENGTH}, numbers longer than {@link JsonLimits#MAX_NUMBER_LENGTH} and
 * nesting deeper than {@link JsonLimits#MAX_NESTING_DEPTH} (a StreamConstraintsException stops the upload); an upload
 * naming more than {@link #MAX_UNKNOWN_FIELDS} unknown fields, or a CSV header of more than {@link #MAX_COLUMNS}
 * columns, is stopped; a row reports at most {@link #MAX_ROW_PROBLEMS} problems; a name repeated in an error is
 * truncated to {@link #MAX_ECHO} characters.
 */
public final class RowReaders {

    /** The longest value of a row (the longest field we take, a student id, has 64 characters). */
    public static final int MAX_VALUE_LENGTH = 1000;
    /** Unknown field names one upload may hold in all (each also a row error); the field names are interned. */
    public static final int MAX_UNKNOWN_FIELDS = 1000;
    /** Columns of a CSV header. */
    public static final int MAX_COLUMNS = 256;
    /** Problems reported for one row. */
    public static final int MAX_ROW_PROBLEMS = 20;
    /** Characters of a name from the body repeated in a row error or a failure. */
    public static final int MAX_ECHO = 64;

    static final StreamReadConstraints LIMITS = JsonLimits.constraints().rebuild()
            .maxStringLength(MAX_VALUE_LENGTH).build();

    // the request stream stays open after parsing: the service drains and fingerprints it to its end
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    private static final CsvFactory CSV = CsvFactory.builder().streamReadConstraints(LIMITS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private RowReaders() {
    }

    /** Reads a JSON array of objects (or one object) and calls back per row. */
    public static long readJson(InputStream in, RowLayout layout, RowCallback cb) throws IOException, SQLException {
        try (JsonParser p = JSON.createParser(in)) {
            String[] values = new String[layout.size()];
            List<RowError> problems = new ArrayList<>(4);
            int[] unknown = {0};
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MalformedUploadException("The body is empty: send a JSON array of rows");
            }
            if (t == JsonToken.START_OBJECT) {
                readObject(p, layout, 1, values, problems, unknown);
                cb.row(1, values, problems);
                expectEnd(p);
                return 1;
            }
            if (t != JsonToken.START_ARRAY) {
                throw new MalformedUploadException("The body must be a JSON array of row objects");
            }
            long row = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new MalformedUploadException("The JSON array is not closed");
                }
                row++;
                problems.clear();
                if (t != JsonToken.START_OBJECT) {
                    if (t.isStructStart()) {
                        p.skipChildren();
                    }
                    problems.add(new RowError(row, "row", "must be a JSON object"));
                    cb.row(row, null, problems);
                    continue;
                }
                readObject(p, layout, row, values, problems, unknown);
                cb.row(row, values, problems);
            }
            expectEnd(p);
            return row;
        }
    }

    private static void readObject(JsonParser p, RowLayout layout, long row, String[] values, List<RowError> problems,
                                   int[] unknown) throws IOException {
        Arrays.fill(values, null);
        long seen = 0; // the layout's fields met in this object (a layout has at most 64)
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            String name = p.currentName();
            t = p.nextToken();
            int i = layout.index(name);
            if (i < 0) {
                if (++unknown[0] > MAX_UNKNOWN_FIELDS) {
                    throw new MalformedUploadException("The rows name more than " + MAX_UNKNOWN_FIELDS
                            + " unknown fields (at row " + row + "); the fields are " + String.join(", ", layout.fields()));
                }
                problem(problems, new RowError(row, echo(name), layout.unknownField()));
            } else if ((seen & (1L << i)) != 0) {
                problem(problems, new RowError(row, name, "appears more than once in the row"));
            } else if (t.isStructStart()) {
                seen |= 1L << i;
                problem(problems, new RowError(row, name, "must be a single value, not an object or array"));
            } else {
                seen |= 1L << i;
                values[i] = t == JsonToken.VALUE_NULL ? null : p.getText();
                continue;
            }
            if (t.isStructStart()) {
                p.skipChildren();
            }
        }
    }

    private static void problem(List<RowError> problems, RowError e) {
        if (problems.size() < MAX_ROW_PROBLEMS) {
            problems.add(e);
        }
    }

    /**
     * A name from the body as an error may repeat it: at most {@link #MAX_ECHO} characters, control characters as
     * U+FFFD (a NUL in an unknown field's name could not be stored with the row error: the upload ended in a 500, and
     * its job stayed RUNNING; hostile review of the fourteenth pass).
     */
    static String echo(String name) {
        String cut = name.length() <= MAX_ECHO ? name : name.substring(0, MAX_ECHO) + "…";
        return cut.replaceAll("[\\x00-\\x1F\\x7F]", "\uFFFD");
    }

    private static void expectEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new MalformedUploadException("Unexpected content after the JSON array at line "
                    + p.currentLocation().getLineNr());
        }
    }

    /** Reads CSV with a header row naming the fields; calls back per record (row 1 = the first record after the header). */
    public static long readCsv(InputStream in, RowLayout layout, RowCallback cb) throws IOException, SQLException {
        try (CsvParser p = CSV.createParser(in)) {
            p.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            p.enable(CsvParser.Feature.TRIM_SPACES);
            p.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            p.setSchema(CsvSchema.emptySchema());
            JsonToken t = p.nextToken();
            if (t == null || p.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedUploadException("The body is empty: send a header row, then one row per record");
            }
            int[] col = header(p, layout);
            String[] values = new String[layout.size()];
            List<RowError> problems = new ArrayList<>(2);
            long row = 0;
            while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
                problems.clear();
                Arrays.fill(values, null);
                int c = 0;
                boolean blank = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String v = p.getText();
                    if (!v.isEmpty()) {
                        blank = false;
                    }
                    if (c < col.length) {
                        values[col[c]] = v.isEmpty() ? null : v;
                    }
                    c++;
                }
                if (blank && c <= 1) {
                    continue; // an empty line is not a record
                }
                row++;
                // fewer cells than the header is as wrong as more: the missing ones were read as absent, a value kept
                // without its n, an attendance row without its fall count (hostile review of the twenty-seventh pass, Q3)
                if (c != col.length) {
                    problems.add(new RowError(row, "row", "has " + c + " columns; the header has " + col.length));
                }
                cb.row(row, values, problems);
            }
            return row;
        }
    }

    /**
     * The header row: the layout index of each column. Unknown columns stop the upload; they are named only when
     * most of the header is known. A first line that names few or none of the columns is data, not a header (a
     * header forgotten): repeating it would repeat a student's record, so the answer only says what is expected.
     */
    private static int[] header(CsvParser p, RowLayout layout) throws IOException {
        List<Integer> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int unknownCount = 0;
        long seen = 0;
        String twice = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                break;
            }
            if (columns.size() == MAX_COLUMNS) {
                throw new MalformedUploadException("The CSV header has more than " + MAX_COLUMNS + " columns; the columns are "
                        + String.join(", ", layout.fields()));
            }
            String header = p.getText();
            int i = layout.headerIndex(header);
            if (i < 0) {
                unknownCount++;
                if (unknown.size() < 5) {
                    unknown.add(echo(header.length() <= 40 ? header : header.substring(0, 40) + "…"));
                }
            } else if ((seen & (1L << i)) != 0) {
                twice = layout.name(i);
            } else {
                seen |= 1L << i;
            }
            columns.add(i);
        }
        int known = Long.bitCount(seen);
        if (unknownCount > 0 && known <= unknownCount) {
            throw new MalformedUploadException("The first line is not a header row: it names " + (known == 0 ? "none"
                    : "only " + known) + " of the columns. A CSV upload starts with a header row naming its columns, "
                    + "from " + String.join(", ", layout.fields()));
        }
        if (unknownCount > 0) {
            throw new MalformedUploadException("Unknown CSV column(s) " + unknown + (unknownCount > unknown.size()
                    ? " and " + (unknownCount - unknown.size()) + " more" : "") + "; the columns are "
                    + String.join(", ", layout.fields()));
        }
        if (twice != null) {
            throw new MalformedUploadException("The CSV header names " + twice + " twice");
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }
}
