package org.portfolio.platform.web.contract;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.contract.ContractValidation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract check as every {@code @QuarkusTest} of the suite gets it, end to end: platform-testing's callbacks
 * (META-INF/services) install the filter into the test's rest-assured, the filter reads the application's own
 * {@code /q/openapi}, and a call whose answer breaks it throws — the test that made the call fails. Nothing here
 * installs anything itself.
 */
@QuarkusTest
class ContractWiringTest {

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
    void aConformingAnswerIsValidatedAndCounted() {
        long before = ContractValidation.validated();
        given().get("/contract-wiring/tally").then().statusCode(200);
        assertThat(ContractValidation.validated()).isEqualTo(before + 1);
    }

    @Test
    void anAnswerWithAStringWhereTheDocumentSaysIntegerFailsTheTest() {
        assertThatThrownBy(() -> given().get("/contract-wiring/tally-as-text"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OpenAPI contract violated by GET /contract-wiring/tally-as-text → 200")
                .hasMessageContaining("$.count");
    }

    @Test
    void anAnswerWithAStatusTheDocumentDoesNotDeclareFailsTheTest() {
        assertThatThrownBy(() -> given().get("/contract-wiring/tally-accepted"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OpenAPI contract violated by GET /contract-wiring/tally-accepted → 202")
                .hasMessageContaining("status 202 is not declared");
    }

    @Test
    void aCallToAServerThatServesNoDocumentFailsTheTest() {
        assertThatThrownBy(() -> given().baseUri(documentless.url()).get("/api/things"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("serves no OpenAPI document")
                .hasMessageContaining("@NotContractChecked");
    }
}
