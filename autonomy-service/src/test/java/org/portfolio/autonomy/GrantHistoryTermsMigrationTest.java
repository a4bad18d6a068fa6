package org.portfolio.autonomy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V10 records each existing grant's terms on its latest history entry, and only there (fifth pass, M1): the earlier
 * entries keep no terms, so a past date before the upgrade's latest change is answered with the grant's current terms,
 * as before. Runs the migrations into a scratch schema up to V9, writes two grants with history, then applies V10.
 */
@QuarkusTest
class GrantHistoryTermsMigrationTest {

    private static final String A = "00000000-0000-0000-0000-00000000000a";
    private static final String B = "00000000-0000-0000-0000-00000000000b";
    private static final String SUCCESSOR = "00000000-0000-0000-0000-0000000000cc";

    @Inject
    AgroalDataSource db;

    @Test
    void v10RecordsEachGrantsTermsOnItsLatestEntryOnly() throws Exception {
        String schema = "v10check_" + Long.toHexString(System.nanoTime());
        try {
            migrate(schema, "9");
            try (Connection c = db.getConnection(); var st = c.createStatement()) {
                st.execute("insert into " + schema + ".autonomy_grant (id, school_id, domain, model, decisions, source, "
                        + "effective_from, effective_to, status, status_since, successor_contract_id, created_at, updated_at) "
                        + "values ('" + A + "', gen_random_uuid(), 'PEOPLE', 'FULL', '[\"HIRE\"]', 'MANUAL', '2025-07-01', "
                        + "'2030-06-30', 'ACTIVE', now(), '" + SUCCESSOR + "', now(), now()), "
                        + "('" + B + "', gen_random_uuid(), 'MONEY', 'DELEGATED', '[]', 'MANUAL', '2026-07-01', null, "
                        + "'REVOKED', now(), null, now(), now())");
                for (String[] entry : new String[][] {{A, "GRANTED"}, {A, "AMENDED"}, {A, "RENEWED"},
                        {B, "GRANTED"}, {B, "REVOKED"}}) {
                    st.execute("insert into " + schema + ".grant_history (grant_id, school_id, at, action, to_status) "
                            + "select id, school_id, now(), '" + entry[1] + "', status from " + schema
                            + ".autonomy_grant where id = '" + entry[0] + "'");
                }
            }
            migrate(schema, "10");

            try (Connection c = db.getConnection(); var st = c.createStatement();
                 ResultSet r = st.executeQuery("select grant_id, action, domain, model, decisions, effective_from, "
                         + "effective_to, successor_contract_id from " + schema + ".grant_history order by id")) {
                List<String> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(String.join("|", r.getString(1).substring(30), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
                }
                assertThat(rows).containsExactly(
                        "00000a|GRANTED|null|null|null|null|null|null",
                        "00000a|AMENDED|null|null|null|null|null|null",
                        "00000a|RENEWED|PEOPLE|FULL|[\"HIRE\"]|2025-07-01|2030-06-30|" + SUCCESSOR,
                        "00000b|GRANTED|null|null|null|null|null|null",
                        "00000b|REVOKED|MONEY|DELEGATED|[]|2026-07-01|null|null");
            }
        } finally {
            try (Connection c = db.getConnection(); var st = c.createStatement()) {
                st.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    /** Seventh pass: stored causes of a miss on a suppressed value named its n, shown by the public check. */
    @Test
    void v11TakesTheNOutOfStoredCausesOfMissesOnSuppressedValues() throws Exception {
        String schema = "v11check_" + Long.toHexString(System.nanoTime());
        String old = "the value was suppressed (n = 6 is below the framework's minimum)";
        try {
            migrate(schema, "10");
            try (Connection c = db.getConnection(); var st = c.createStatement()) {
                st.execute("insert into " + schema + ".autonomy_grant (id, school_id, domain, model, decisions, source, "
                        + "effective_from, status, status_since, created_at, updated_at, cause_reason, cause_description) "
                        + "values ('" + A + "', gen_random_uuid(), 'PEOPLE', 'FULL', '[]', 'MANUAL', '2025-07-01', "
                        + "'REVOKED', now(), now(), now(), '" + old.replace("'", "''") + "', 'Benchmark ELA 2025-26 missed: "
                        + "target GTE 40, " + old.replace("'", "''") + " (the contract counts it as a miss)')");
                st.execute("insert into " + schema + ".grant_history (grant_id, school_id, at, action, to_status, cause_reason) "
                        + "select id, school_id, now(), 'REVOKED', status, cause_reason from " + schema + ".autonomy_grant");
            }
            migrate(schema, "11");
            try (Connection c = db.getConnection(); var st = c.createStatement();
                 ResultSet r = st.executeQuery("select g.cause_reason, g.cause_description, h.cause_reason from " + schema
                         + ".autonomy_grant g join " + schema + ".grant_history h on h.grant_id = g.id")) {
                assertThat(r.next()).isTrue();
                String now = "the value was suppressed (fewer students than the framework's minimum n)";
                assertThat(r.getString(1)).isEqualTo(now);
                assertThat(r.getString(2)).isEqualTo("Benchmark ELA 2025-26 missed: target GTE 40, " + now
                        + " (the contract counts it as a miss)");
                assertThat(r.getString(3)).isEqualTo(now);
            }
        } finally {
            try (Connection c = db.getConnection(); var st = c.createStatement()) {
                st.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    /** Eighth pass (2026-12-06): a miss counted on a suppressed value kept that value as its cause's actual. */
    @Test
    void v12TakesTheValueOutOfStoredMissesOnSuppressedValues() throws Exception {
        String schema = "v12check_" + Long.toHexString(System.nanoTime());
        String reason = "the value was suppressed (fewer students than the framework's minimum n)";
        java.util.UUID evaluation = java.util.UUID.randomUUID();
        try {
            migrate(schema, "11");
            try (Connection c = db.getConnection(); var st = c.createStatement()) {
                st.execute("insert into " + schema + ".autonomy_grant (id, school_id, domain, model, decisions, source, "
                        + "effective_from, status, status_since, created_at, updated_at, cause_kind, cause_reason, cause_actual, "
                        + "cause_evaluation_id) values ('" + A + "', gen_random_uuid(), 'PEOPLE', 'FULL', '[]', 'MANUAL', "
                        + "'2025-07-01', 'REVOKED', now(), now(), now(), 'BENCHMARK_MISSED', '" + reason.replace("'", "''")
                        + "', 80, '" + evaluation + "')");
                st.execute("insert into " + schema + ".grant_history (grant_id, school_id, at, action, to_status, cause_kind, "
                        + "cause_reason, cause_actual, cause_evaluation_id) select id, school_id, now(), 'REVOKED', status, "
                        + "cause_kind, cause_reason, cause_actual, cause_evaluation_id from " + schema + ".autonomy_grant");
                st.execute("insert into " + schema + ".benchmark_evaluation (event_id, evaluation_id, benchmark_id, school_id, "
                        + "actual, n, result, guards_domains, reinstate_on_met, grants_revoked, grants_reinstated, received_at) "
                        + "values ('e-" + evaluation + "', '" + evaluation + "', gen_random_uuid(), gen_random_uuid(), 80, 6, "
                        + "'MISSED', 'PEOPLE', true, 1, 0, now())");
                // a miss on a value, which keeps it
                st.execute("insert into " + schema + ".benchmark_evaluation (event_id, evaluation_id, benchmark_id, school_id, "
                        + "actual, n, result, guards_domains, reinstate_on_met, grants_revoked, grants_reinstated, received_at) "
                        + "values ('e-other', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 25, 40, "
                        + "'MISSED', 'PEOPLE', true, 1, 0, now())");
            }
            migrate(schema, "12");
            try (Connection c = db.getConnection(); var st = c.createStatement();
                 ResultSet r = st.executeQuery("select g.cause_actual, h.cause_actual, g.cause_reason from " + schema
                         + ".autonomy_grant g join " + schema + ".grant_history h on h.grant_id = g.id")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBigDecimal(1)).isNull();
                assertThat(r.getBigDecimal(2)).isNull();
                assertThat(r.getString(3)).isEqualTo(reason);
            }
            try (Connection c = db.getConnection(); var st = c.createStatement();
                 ResultSet r = st.executeQuery("select event_id, actual, n from " + schema + ".benchmark_evaluation order by event_id")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).startsWith("e-" + evaluation.toString().substring(0, 4));
                assertThat(r.getBigDecimal(2)).isNull();
                assertThat(r.getObject(3)).isNull();
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("e-other");
                assertThat(r.getBigDecimal(2)).isEqualByComparingTo("25");
            }
        } finally {
            try (Connection c = db.getConnection(); var st = c.createStatement()) {
                st.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private void migrate(String schema, String target) {
        Flyway.configure().dataSource(db).schemas(schema).locations("classpath:db/migration").target(target).load()
                .migrate();
    }
}
