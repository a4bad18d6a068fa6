package org.portfolio.performance.rest;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF line ends. */
final class Csv {

    private Csv() {
    }

    static void row(Writer w, List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            Object f = fields.get(i);
            String s = f == null ? "" : f instanceof java.math.BigDecimal b ? b.toPlainString() : f.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                w.write('"');
                w.write(s.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(s);
            }
        }
        w.write("\r\n");
    }
}
