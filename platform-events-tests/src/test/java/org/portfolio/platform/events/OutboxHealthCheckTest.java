package org.portfolio.platform.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The outbox's readiness check when its query cannot be answered (an outside check of database outages, twenty-first
 * pass): it threw, so every readiness probe during an outage logged an ERROR with a stack trace and reported the
 * service DOWN a second time; the datasource's check already says whether the database answers. It stays UP (a
 * backlog is what the outbox is for) and says the backlog is unknown.
 */
@QuarkusTest
class OutboxHealthCheckTest {

    @Inject
    AgroalDataSource dataSource;

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("set lock_timeout = '10s'");
            st.execute(statement);
        }
    }

    @Test
    void anOutboxThatCannotBeReadIsUnknownNotAFailedCheck() throws Exception {
        sql("alter table outbox_event rename to outbox_event_away");
        try {
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox' }.data.unsent", containsString("unknown"));
        } finally {
            sql("alter table outbox_event_away rename to outbox_event");
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.data.unsent", org.hamcrest.Matchers.isA(Integer.class));
    }
}
