package org.portfolio.contracts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.portfolio.contracts.Fixtures.*;

/** At most one ACTIVE contract per school, even when two activations arrive at the same moment. */
@QuarkusTest
class ConcurrentActivationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoActivationsAtOnceForOneSchoolLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String school = openSchool();
                String first = draft(standardDraft(school));
                String second = draft(standardDraft(school));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Response>> calls = new ArrayList<>();
                for (String id : List.of(first, second)) {
                    calls.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return given().auth().oauth2(admin()).contentType(io.restassured.http.ContentType.JSON)
                                .post("/api/contracts/" + id + "/activation");
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (Future<Response> f : calls) {
                    Response r = f.get(60, TimeUnit.SECONDS);
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 409) {
                        types.add(r.jsonPath().getString("type"));
                    }
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
                assertThat(types).containsExactly("urn:portfolio:problem:active-contract-exists");
                assertThat(activeContractsOf(school)).isEqualTo(1);
                awaitEvent("ContractActivated", about("schoolId", school));
                assertThat(events("ContractActivated", about("schoolId", school))).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDatabaseItselfRefusesASecondActiveContract() throws SQLException {
        String school = openSchool();
        activeContract(school);
        String draft = draft(standardDraft(school));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update contract set status = 'ACTIVE' where id = ?")) {
            ps.setObject(1, UUID.fromString(draft));
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("contract_one_active_per_school");
        }
        assertThat(activeContractsOf(school)).isEqualTo(1);
    }

    private long activeContractsOf(String school) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select count(*) from contract where school_id = ? and status = 'ACTIVE'")) {
            ps.setObject(1, UUID.fromString(school));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
