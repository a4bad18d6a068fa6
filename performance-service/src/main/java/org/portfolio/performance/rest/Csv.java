package org.portfolio.performance.rest;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF line ends. A text cell that a
 * spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a carriage return; OWASP "CSV
 * injection") gets a leading single quote, so that it shows as the text it is: a school's name comes from another
 * service and ends up in the exports oversight staff open. Numbers stay as they are, negative ones included (a
 * number, or a text cell that is only a plain number such as {@code -12.5}, cannot be a formula).
 */
final class Csv {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Csv() {
    }

    static void row(Writer w, List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            Object f = fields.get(i);
            String s = f == null ? "" : f instanceof java.math.BigDecimal b ? b.toPlainString() : f.toString();
            if (!(f instanceof Number) && startsFormula(s)) {
                s = "'" + s;
            }
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

    static boolean startsFormula(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
                && !PLAIN_NUMBER.matcher(s).matches();
    }
}
