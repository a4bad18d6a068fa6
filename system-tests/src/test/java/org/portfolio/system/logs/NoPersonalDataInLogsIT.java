package org.portfolio.system.logs;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.gateway.RunningStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No personal data in logs (issue 13): after every other system test has run — the stories, the role matrix, the
 * bad-input sweep, the faults, and the demo district (the shared stack is started with up --demo) — every service's log is scanned for the
 * student ids, applicant references, names and birth dates those tests seeded. None may appear: not in an error
 * message, not in a PostgreSQL error detail (pgjdbc's {@code logServerErrorDetail} is off), not in a dead-letter line.
 */
@ExtendWith(RunningStack.class)
@Order(Integer.MAX_VALUE)
class NoPersonalDataInLogsIT {

    /** What the system tests and the demo seed as personal data, by shape (see District, EnrollmentRoundIT, the sweep, demo-district). */
    static final Pattern PERSONAL = Pattern.compile(String.join("|",
            "STU-[0-9a-f]{8}-[0-9a-f]+",              // e2e student ids (District.results) and GeneratedClientIT's refs
            "\\b[A-Z]{2,4}\\d{2,4}-C\\d{4}-\\d{3}\\b", // demo student ids (RV202-C2031-007)
            "DEMO-APP-\\d{4}",                        // demo applicants' references
            "\\bSW-[0-9a-f]{8}\\b",                   // the sweep's applicant references
            "\\bDemo-\\d{4}\\b",                      // demo applicants' last names
            "\\bRivera\\b",                           // EnrollmentRoundIT's and GeneratedClientIT's applicant
            "\\bAlex\\b",                             // ... her first name
            "\\bSweep\\b",                            // the sweep's applicants' last name (Ada Sweep)
            "\\bRVPRIVATE\\b",                        // enrollment's HostileImportTest marker, should it ever run here
            "\\b2012-0[35]-0[14]\\b"));               // their birth dates

    private final Path logs;

    NoPersonalDataInLogsIT(RunningStack.Stack running) {
        this.logs = running.stack().home().resolve("logs");
    }

    @Test
    void theScannerFindsWhatItLooksFor() {
        assertThat(findings(List.of("2026-12-02 INFO  row STU-1a2b3c4d-7 rejected",
                "2026-12-02 ERROR value RV202-C2031-007 for applicant DEMO-APP-0003 (Demo-0003)",
                "2026-12-02 WARN  applicant STU-1a2b3c4d-e5f rejected",
                "2026-12-02 WARN  import line 3: Ada Sweep",
                "2026-12-02 INFO  BadInputSweepIT finished: the sweep of 141 operations",
                "2026-12-02 INFO  nothing personal here: school 5eeb0000-0000-4000-8000-00000000dead",
                "2026-12-02 WARN  attendance of 604822 at 255901001 refused",
                "2026-12-02 INFO  offset 6048221 of topic x, took 604.822 ms"), "sample"))
                .hasSize(5);
    }

    @Test
    void noServiceLoggedAStudentIdANameOrABirthDate() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(logs));
        List<String> found = new ArrayList<>();
        long lines = 0;
        int files = 0;
        for (Path dir : dirs) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path log : list.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                    List<String> content = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                    lines += content.size();
                    files++;
                    found.addAll(findings(content, dir.getParent().getFileName() + "/" + log.getFileName()));
                }
            }
        }
        System.out.printf("[logs] scanned %d lines in %d log files of %s: %d with personal data%n", lines, files, dirs, found.size());
        assertThat(files).as("the stack's logs").isGreaterThanOrEqualTo(5);
        assertThat(lines).as("log lines scanned").isGreaterThan(100);
        assertThat(found).as("log lines that carry seeded personal data").isEmpty();
    }

    /**
     * The Ed-Fi sample's students (log audit, sixteenth pass: EdFiGrandBendIT posts 237 of them, which the shapes above
     * did not cover): their studentUniqueIds as whole words.
     */
    static final Pattern EDFI_STUDENTS = edfiStudents();

    private static Pattern edfiStudents() {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        for (String file : List.of("StudentSchoolAttendance.xml", "StudentAssessment-StateAssessment.xml")) {
            try (var in = NoPersonalDataInLogsIT.class.getResourceAsStream("/edfi-grand-bend/" + file)) {
                Matcher m = Pattern.compile("<StudentUniqueId>\\s*([^<\\s]+)\\s*</StudentUniqueId>")
                        .matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                while (m.find()) {
                    ids.add(m.group(1));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (ids.size() < 200) {
            throw new IllegalStateException("the Ed-Fi sample's students: " + ids.size());
        }
        return Pattern.compile("(?<![\\w.-])(" + String.join("|", ids.stream().map(Pattern::quote).toList()) + ")(?![\\w.-])");
    }

    static List<String> findings(List<String> lines, String where) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PERSONAL.matcher(lines.get(i));
            boolean hit = m.find();
            if (!hit) {
                m = EDFI_STUDENTS.matcher(lines.get(i));
                hit = m.find();
            }
            if (hit) {
                out.add(where + ":" + (i + 1) + " [" + m.group() + "] " + lines.get(i).substring(0, Math.min(300, lines.get(i).length())));
            }
        }
        return out;
    }
}
