package org.portfolio.edfi;

import io.restassured.response.Response;
import org.portfolio.testing.TestTokens;

import static io.restassured.RestAssured.given;

/**
 * Writes are answered once stored; their derived records follow through the queue (decision 0009). Tests that check
 * what performance-service received wait for the queue to drain, as a client would: GET /edfi/derivations/status until
 * nothing is pending.
 */
final class Drain {

    private Drain() {
    }

    /** Waits until the derivation queue is empty (at most 20 s). */
    static void await() {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Response r = given().auth().oauth2(TestTokens.districtAdmin()).get("/edfi/derivations/status");
            r.then().statusCode(200);
            if (r.jsonPath().getLong("pending") == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the derivation queue did not drain: " + r.asString());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The write's answer, once the queue has drained. */
    static Response after(Response write) {
        await();
        return write;
    }
}
