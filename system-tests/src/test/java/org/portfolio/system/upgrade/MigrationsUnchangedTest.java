package org.portfolio.system.upgrade;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that may have run on a district's database is never edited, renamed or deleted: Flyway validates every
 * applied migration's checksum at start, and a service whose migration changed under a database that ran it does not
 * start (docs/operations.md, "Upgrading"). Every migration of every service is recorded with its SHA-256 in
 * {@value #LEDGER} (the format of {@code sha256sum}, so {@code sha256sum -c} checks it from the repository's root); a
 * new migration is recorded by running this test with {@code -D}{@value #RECORD}{@code =true}, which adds new files
 * and changes no recorded line.
 */
class MigrationsUnchangedTest {

    static final String LEDGER = "system-tests/src/test/resources/migrations.sha256";
    static final String RECORD = "portfolio.migrations.record";

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyRecordedMigrationIsUnchangedAndEveryMigrationIsRecorded() throws IOException {
        Map<String, String> recorded = Migrations.read(ROOT.resolve(LEDGER));
        Map<String, String> present = Migrations.hashes(ROOT);
        if (Boolean.getBoolean(RECORD)) {
            Migrations.append(ROOT.resolve(LEDGER), recorded, present);
            recorded = Migrations.read(ROOT.resolve(LEDGER));
        }
        assertThat(present).as("the services' migrations (are the modules where this test looks?)").hasSizeGreaterThan(50);
        assertThat(Migrations.problems(recorded, present))
                .as("""
                        Migrations that may have run on a district's database must not change: add a new migration \
                        (the next V number of the service) instead of editing, renaming or deleting one. A new \
                        migration is recorded with: ./mvnw -B -o -pl system-tests -am verify -DskipITs \
                        -Dtest=MigrationsUnchangedTest -Dsurefire.failIfNoSpecifiedTests=false -D%s=true""".formatted(RECORD))
                .isEmpty();
    }

    @Test
    void anEditedRenamedOrDeletedMigrationIsNamedAndANewOneIsAskedToBeRecorded() {
        Map<String, String> recorded = new TreeMap<>(Map.of(
                "a/src/main/resources/db/migration/V1__one.sql", "11",
                "a/src/main/resources/db/migration/V2__two.sql", "22",
                "a/src/main/resources/db/migration/V3__three.sql", "33"));
        Map<String, String> present = new TreeMap<>(Map.of(
                "a/src/main/resources/db/migration/V1__one.sql", "11",
                "a/src/main/resources/db/migration/V2__two.sql", "2X",
                "a/src/main/resources/db/migration/V4__four.sql", "44"));
        assertThat(Migrations.problems(recorded, present)).containsExactly(
                "edited since it was recorded: a/src/main/resources/db/migration/V2__two.sql",
                "not recorded: a/src/main/resources/db/migration/V4__four.sql",
                "renamed or deleted: a/src/main/resources/db/migration/V3__three.sql");
        assertThat(Migrations.problems(recorded, recorded)).isEmpty();
    }

    @Test
    void recordingAddsNewMigrationsAndLeavesAnEditedOneAsItWas(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path ledger = dir.resolve("migrations.sha256");
        Files.writeString(ledger, "11  a/V1__one.sql\n22  a/V2__two.sql\n");
        Migrations.append(ledger, Migrations.read(ledger), Map.of("a/V1__one.sql", "11", "a/V2__two.sql", "2X", "a/V3__three.sql", "33"));
        assertThat(Files.readAllLines(ledger)).containsExactly("11  a/V1__one.sql", "22  a/V2__two.sql", "33  a/V3__three.sql");
    }

    @Test
    void theLedgerHoldsEachSourceMigrationsSha256NotTheBuildsCopies(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path sql = dir.resolve("svc/src/main/resources/db/migration/V1__x.sql");
        Files.createDirectories(sql.getParent());
        Files.writeString(sql, "create table x (id int);\n");
        Files.createDirectories(dir.resolve("svc/target/classes/db/migration"));
        Files.writeString(dir.resolve("svc/target/classes/db/migration/V1__x.sql"), "copied by the build");
        assertThat(Migrations.hashes(dir)).containsExactly(Map.entry("svc/src/main/resources/db/migration/V1__x.sql",
                Migrations.sha256(Files.readAllBytes(sql))));
        assertThat(Migrations.sha256("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /** The ledger and the files, read and compared. */
    static final class Migrations {

        private Migrations() {
        }

        static Map<String, String> read(Path ledger) throws IOException {
            Map<String, String> recorded = new TreeMap<>();
            if (!Files.exists(ledger)) {
                return recorded;
            }
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    int gap = line.indexOf("  ");
                    recorded.put(line.substring(gap + 2), line.substring(0, gap));
                }
            }
            return recorded;
        }

        /** Every module's {@code src/main/resources/db/**.sql}, by its path from the root. */
        static Map<String, String> hashes(Path root) throws IOException {
            Map<String, String> hashes = new TreeMap<>();
            try (Stream<Path> modules = Files.list(root)) {
                for (Path db : modules.map(m -> m.resolve("src/main/resources/db")).filter(Files::isDirectory).toList()) {
                    try (Stream<Path> files = Files.walk(db)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                            hashes.put(root.relativize(file).toString().replace('\\', '/'), sha256(Files.readAllBytes(file)));
                        }
                    }
                }
            }
            return hashes;
        }

        static List<String> problems(Map<String, String> recorded, Map<String, String> present) {
            List<String> problems = new ArrayList<>();
            recorded.forEach((path, hash) -> {
                if (!present.containsKey(path)) {
                    problems.add("renamed or deleted: " + path);
                } else if (!present.get(path).equals(hash)) {
                    problems.add("edited since it was recorded: " + path);
                }
            });
            present.keySet().stream().filter(path -> !recorded.containsKey(path)).forEach(path -> problems.add("not recorded: " + path));
            problems.sort(null);
            return problems;
        }

        static void append(Path ledger, Map<String, String> recorded, Map<String, String> present) throws IOException {
            StringBuilder added = new StringBuilder();
            new TreeMap<>(present).forEach((path, hash) -> {
                if (!recorded.containsKey(path)) {
                    added.append(hash).append("  ").append(path).append('\n');
                }
            });
            Files.writeString(ledger, added, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }

        static String sha256(byte[] bytes) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
