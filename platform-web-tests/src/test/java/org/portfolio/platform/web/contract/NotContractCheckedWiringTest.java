package org.portfolio.platform.web.contract;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.contract.ContractValidation;
import org.portfolio.testing.contract.NotContractChecked;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The one way out, per class and with a reason: the same calls as ContractWiringTest's pass, and none is counted. */
@QuarkusTest
@NotContractChecked("shows what the annotation does: the calls ContractWiringTest shows failing pass here")
class NotContractCheckedWiringTest {

    static DocumentlessServer documentless;

    @BeforeAll
    static void start() throws Exception {
        documentless = new DocumentlessServer();
    }

    @AfterAll
    static void stop() {
        documentless.close();
    }

    @Test
    void aClassMarkedNotContractCheckedIsNotChecked() {
        long before = ContractValidation.validated();
        given().get("/contract-wiring/tally-as-text").then().statusCode(200);
        given().get("/contract-wiring/tally-accepted").then().statusCode(202);
        given().baseUri(documentless.url()).get("/api/things").then().statusCode(200);
        assertThat(ContractValidation.validated()).isEqualTo(before);
    }
}
