package org.portfolio.performance.service.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.portfolio.performance.domain.RowError;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streaming readers for uploads: a JSON array of row objects (Jackson's streaming parser) or CSV with a header row
 * (Jackson's CSV parser, one record at a time). Neither builds the document: one reused value array per upload.
 * A problem within a row is reported with the row; a document that cannot be parsed at all stops the upload.
 */
public final class RowReaders {

    // the request stream stays open after parsing: the service drains and fingerprints it to its end
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    private static final CsvFactory CSV = CsvFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private RowReaders() {
    }

    /** Reads a JSON array of objects (or one object) and calls back per row. */
    public static long readJson(InputStream in, RowLayout layout, RowCallback cb) throws IOException, SQLException {
        try (JsonParser p = JSON.createParser(in)) {
            String[] values = new String[layout.size()];
            List<RowError> problems = new ArrayList<>(4);
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MalformedUploadException("The body is empty: send a JSON array of rows");
            }
            if (t == JsonToken.START_OBJECT) {
                readObject(p, layout, 1, values, problems);
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
                readObject(p, layout, row, values, problems);
                cb.row(row, values, problems);
            }
            expectEnd(p);
            return row;
        }
    }

    private static void readObject(JsonParser p, RowLayout layout, long row, String[] values, List<RowError> problems)
            throws IOException {
        Arrays.fill(values, null);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            String name = p.currentName();
            t = p.nextToken();
            int i = layout.index(name);
            if (i < 0) {
                problems.add(new RowError(row, name, "unknown field; expected " + String.join(", ", layout.fields())));
                if (t.isStructStart()) {
                    p.skipChildren();
                }
                continue;
            }
            if (t.isStructStart()) {
                p.skipChildren();
                problems.add(new RowError(row, name, "must be a single value, not an object or array"));
                continue;
            }
            values[i] = t == JsonToken.VALUE_NULL ? null : p.getText();
        }
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
            List<Integer> columns = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String header = p.getText();
                int i = layout.headerIndex(header);
                if (i < 0) {
                    unknown.add(header);
                } else if (!seen.add(i)) {
                    throw new MalformedUploadException("The CSV header names " + layout.name(i) + " twice");
                }
                columns.add(i);
            }
            if (!unknown.isEmpty()) {
                throw new MalformedUploadException("Unknown CSV column(s) " + unknown + "; the columns are "
                        + String.join(", ", layout.fields()));
            }
            int[] col = columns.stream().mapToInt(Integer::intValue).toArray();
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
                if (c > col.length) {
                    problems.add(new RowError(row, "row", "has " + c + " columns; the header has " + col.length));
                }
                cb.row(row, values, problems);
            }
            return row;
        }
    }
}
