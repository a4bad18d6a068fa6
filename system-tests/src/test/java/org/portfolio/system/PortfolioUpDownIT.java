package org.portfolio.system;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** `./portfolio up` brings the five services to ready; `./portfolio down` leaves no process behind. */
class PortfolioUpDownIT {

    @Test
    void upStartsEverythingReadyAndDownStopsExactlyWhatItStarted() throws Exception {
        PortfolioStack stack = new PortfolioStack("stack-up-down");
        List<Long> pids = new ArrayList<>();
        try {
            String out = stack.up();
            for (String s : PortfolioStack.SERVICES) {
                assertThat(out).contains("ready  " + s);
                RestAssured.given().baseUri(stack.url(s)).get("/q/health/ready")
                        .then().statusCode(200).body("status", equalTo("UP"));
                RestAssured.given().baseUri(stack.url(s)).accept("application/json").get("/q/openapi").then().statusCode(200);
                pids.add(stack.pid(s).orElseThrow());
            }
            pids.add(stack.pid("infra").orElseThrow());
            pids.add(stack.postgresPid().orElseThrow());
            assertThat(stack.run(java.time.Duration.ofSeconds(30), "status")).contains("ready=UP").doesNotContain("ready=DOWN");
            // a second `up` starts nothing new
            stack.up();
            for (String s : PortfolioStack.SERVICES) {
                assertThat(stack.pid(s).orElseThrow()).isEqualTo(pids.get(PortfolioStack.SERVICES.indexOf(s)));
            }
        } finally {
            stack.down();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d after down", pid).isFalse();
        }
    }
}
