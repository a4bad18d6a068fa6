package org.portfolio.performance.rest;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV exports neutralise text cells a spreadsheet would run as a formula (OWASP CSV injection); numbers stay. */
class CsvTest {

    static String row(Object... cells) throws Exception {
        StringWriter w = new StringWriter();
        Csv.row(w, Arrays.asList(cells));
        return w.toString();
    }

    @Test
    void textCellsThatStartAFormulaAreNeutralised() throws Exception {
        assertThat(row("=1+2", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx")).isEqualTo("'=1+2,'+1,'-1+2,'@SUM(A1),'\tx,\"'\rx\"\r\n");
        assertThat(row("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n");
        assertThat(row("=a,b")).isEqualTo("\"'=a,b\"\r\n");
    }

    @Test
    void numbersAndOrdinaryTextStayAsTheyAre() throws Exception {
        assertThat(row(new BigDecimal("-12.5"), -3, -7L, "-12.5", "-4", "Harbor Light", "", null, true, "a-b", "x=y"))
                .isEqualTo("-12.5,-3,-7,-12.5,-4,Harbor Light,,,true,a-b,x=y\r\n");
        assertThat(row(List.of("a").get(0), "a,b", "say \"hi\"")).isEqualTo("a,\"a,b\",\"say \"\"hi\"\"\"\r\n");
    }
}
