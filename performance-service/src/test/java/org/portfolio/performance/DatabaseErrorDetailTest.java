package org.portfolio.performance;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * PostgreSQL's error detail quotes the data it choked on (a COPY error names the whole line: "Where: COPY …, line 1:
 * "…student id…""), and pgjdbc puts that detail into the exception's message, which is what gets logged. Every
 * service turns it off (logServerErrorDetail=false, platform-web's shared configuration).
 */
@QuarkusTest
class DatabaseErrorDetailTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void aCopyFailureCarriesNoRowContentIntoItsMessage() throws Exception {
        String student = "RVPRIVATE-" + UUID.randomUUID().toString().substring(0, 8);
        String table = "copy_probe_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("create temp table " + table + " (row_no bigint, student_id text)");
            }
            try {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin");
                // one column too many: PostgreSQL's context quotes the whole line
                byte[] line = ("1\t" + student + "\tsurplus\n").getBytes(StandardCharsets.UTF_8);
                SQLException e = catchThrowableOfType(SQLException.class, () -> {
                    copy.writeToCopy(line, 0, line.length);
                    copy.endCopy();
                });
                assertThat((Throwable) e).isNotNull();
                StringWriter logged = new StringWriter();
                e.printStackTrace(new PrintWriter(logged));
                assertThat(logged.toString()).contains("extra data after last expected column")
                        .doesNotContain(student);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("drop table if exists " + table);
                }
            }
        }
    }
}
