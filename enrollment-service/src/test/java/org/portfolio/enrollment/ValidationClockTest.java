package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestClock;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * Bean Validation's "now" is the service's clock (sixteenth pass, P4): an applicant's {@code @Past} birthDate was
 * checked against the system clock in the JVM's zone, which the service's moved clock did not move, so a child born
 * before the service's today but after the system's was refused, and one born on the service's today taken.
 */
@QuarkusTest
class ValidationClockTest {

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aBirthDateIsPastOrNotByTheServicesClock() {
        LocalDate realToday = LocalDate.now(ZoneOffset.UTC);
        LocalDate today = realToday.plusDays(30);
        TestClock.setNow(today.atTime(12, 0).toInstant(ZoneOffset.UTC));

        Fixtures.Kid born = new Fixtures.Kid("PK", "EAST");
        born.body.put("birthDate", realToday.plusDays(10).toString());    // after the system's today, before the service's
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(born.body)
                .post("/api/enrollment/applicants").then().statusCode(201)
                .body("birthDate", equalTo(realToday.plusDays(10).toString()));

        Fixtures.Kid unborn = new Fixtures.Kid("PK", "EAST");
        unborn.body.put("birthDate", today.toString());                  // the service's today: not past
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(unborn.body)
                .post("/api/enrollment/applicants").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:validation"))
                .body("errors[0].field", equalTo("birthDate"));
    }
}
