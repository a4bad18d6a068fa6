package org.portfolio.platform.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * Query and path parameters are text (platform-web TextParams): a NUL was passed on to PostgreSQL, which refused it,
 * and the caller got a 500 with a stack trace in the log (hostile review of the twenty-fourth pass, N1: eleven
 * operations in four services). Refused with 400 naming the parameter before any resource runs; the value never echoed.
 */
@QuarkusTest
class TextParamsTest {

    @Test
    void aQueryParameterHoldingANulIsRefusedNamingIt() {
        given().urlEncodingEnabled(false).get("/widgets/list?q=ab%00c").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:validation"))
                .body("errors[0].field", equalTo("q"))
                .body("errors[0].message", containsString("NUL"))
                .body(not(containsString("ab")));
    }

    @Test
    void aNulInAParameterNameOrInThePathIsRefusedToo() {
        given().urlEncodingEnabled(false).get("/widgets/list?q%00=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("query"));
        given().urlEncodingEnabled(false).get("/widgets/%00").then().statusCode(400)
                .body("errors[0].field", equalTo("path"));
    }

    @Test
    void otherTextIsLeftAsItIs() {
        given().queryParam("q", "a\u200Fé").get("/widgets/list").then().statusCode(200)
                .body("[0]", equalTo("a\u200Fé"));
    }
}
