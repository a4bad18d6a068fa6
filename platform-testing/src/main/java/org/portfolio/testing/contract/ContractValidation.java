package org.portfolio.testing.contract;

import io.restassured.RestAssured;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every HTTP exchange a test makes is checked against the OpenAPI document of the server it talks to: the gateway's
 * merged {@code /openapi}, or a service's own {@code /q/openapi}. A violation fails the test that made the call.
 *
 * <p>The rule for requests: a test may send a request the document forbids on purpose (a malformed id, a missing
 * field) — then the answer must be a declared 4xx. A forbidden request that the server accepts (2xx) is a violation:
 * the document is stricter than the service. Answers are always checked.
 *
 * <p>A server whose document cannot be read (neither {@code /openapi} nor {@code /q/openapi} answers one) fails the
 * exchange too: an exchange that cannot be checked is not counted as checked. A test class that talks to such a server
 * on purpose (a stub upstream) says so with {@link NotContractChecked} and its reason, which takes the filter off.
 */
public final class ContractValidation {

    private static final Map<String, Optional<OpenApiContract>> DOCUMENTS = new ConcurrentHashMap<>();
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicLong VALIDATED = new AtomicLong();
    private static final AtomicLong KNOWINGLY_INVALID = new AtomicLong();
    private static final AtomicLong UNCHECKED = new AtomicLong();
    private static final ContractValidationFilter FILTER = new ContractValidationFilter();
    private static final ThreadLocal<String> OFF = new ThreadLocal<>();

    private ContractValidation() {
    }

    /** Adds the validating filter to rest-assured's global filters (once). */
    public static void install() {
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }

    /** Removes it (a test class marked {@link NotContractChecked}). */
    public static void uninstall() {
        if (RestAssured.filters().contains(FILTER)) {
            List<io.restassured.filter.Filter> others = new java.util.ArrayList<>(RestAssured.filters());
            others.remove(FILTER);
            RestAssured.replaceFiltersWith(others);
        }
    }

    /**
     * Suspends the check on this thread until closed, for an exchange that leaves the document on purpose (a test
     * of how an undocumented failure — an unexpected 500 — is answered). Say why.
     */
    public static AutoCloseable off(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("say why the contract check is off");
        }
        OFF.set(reason);
        return OFF::remove;
    }

    public static long validated() {
        return VALIDATED.get();
    }

    public static String summary() {
        return VALIDATED.get() + " HTTP exchanges validated against the OpenAPI document (" + KNOWINGLY_INVALID.get()
                + " of them requests the document forbids, answered with a declared 4xx; " + UNCHECKED.get()
                + " not checked: management paths, the API documents themselves, or the check switched off with a reason)";
    }

    /**
     * Checks one exchange; throws AssertionError with every violation. {@code origin} is scheme://host:port of the server.
     */
    public static void check(String origin, OpenApiContract.Exchange x) {
        if (OFF.get() != null) {
            UNCHECKED.incrementAndGet();
            return;
        }
        // management paths, and the API documents themselves (the OpenAPI and the AsyncAPI one): not API operations
        if (x.path().equals("/q") || x.path().startsWith("/q/") || x.path().startsWith("/openapi")
                || x.path().equals("/asyncapi")) {
            UNCHECKED.incrementAndGet();
            return;
        }
        check(documentOrFail(origin, x), x);
    }

    /**
     * The document of the server, or an AssertionError: an exchange with a server whose document cannot be read is not
     * silently passed over as "not checked".
     */
    private static OpenApiContract documentOrFail(String origin, OpenApiContract.Exchange x) {
        Optional<OpenApiContract> contract = documentOf(origin);
        if (contract.isEmpty()) {
            throw new AssertionError("OpenAPI contract not checkable: " + x.method() + " " + origin + x.path() + " → "
                    + x.status() + ", but " + origin + " serves no OpenAPI document (neither /openapi nor /q/openapi "
                    + "answered one). Every exchange of a test is checked: mark a test class that talks to a server "
                    + "without a document on purpose @NotContractChecked(\"why\")");
        }
        return contract.get();
    }

    /**
     * Checks only the answer of an exchange whose request is too large to be worth checking (a hostile body of
     * megabytes: the validator's messages quote the instance, so their size grows with the body); throws AssertionError.
     */
    public static void checkAnswer(String origin, OpenApiContract.Exchange x) {
        if (OFF.get() != null) {
            UNCHECKED.incrementAndGet();
            return;
        }
        OpenApiContract contract = documentOrFail(origin, x);
        if ((x.status() == 404 || x.status() == 405) && !contract.hasOperation(x.method(), x.path())) {
            VALIDATED.incrementAndGet();
            KNOWINGLY_INVALID.incrementAndGet();
            return;
        }
        List<String> answer = contract.checkResponse(x);
        VALIDATED.incrementAndGet();
        if (!answer.isEmpty()) {
            StringBuilder why = new StringBuilder("OpenAPI contract violated by ").append(x.method()).append(' ')
                    .append(x.path()).append(" → ").append(x.status()).append(':');
            answer.forEach(a -> why.append("\n  answer: ").append(a));
            throw new AssertionError(why.toString());
        }
    }

    /** Checks one exchange against this document; throws AssertionError with every violation. */
    public static void check(OpenApiContract contract, OpenApiContract.Exchange x) {
        if ((x.status() == 404 || x.status() == 405) && !contract.hasOperation(x.method(), x.path())) {
            VALIDATED.incrementAndGet(); // a path the document does not have, refused: what the test meant
            KNOWINGLY_INVALID.incrementAndGet();
            return;
        }
        List<String> answer = contract.checkResponse(x);
        List<String> request = contract.checkRequest(x);
        VALIDATED.incrementAndGet();
        boolean refused = x.status() >= 400 && x.status() < 500;
        if (!request.isEmpty() && refused) {
            KNOWINGLY_INVALID.incrementAndGet();
        }
        if (!answer.isEmpty() || (!request.isEmpty() && !refused)) {
            StringBuilder why = new StringBuilder("OpenAPI contract violated by ").append(x.method()).append(' ')
                    .append(x.path()).append(x.query() == null || x.query().isEmpty() ? "" : "?" + x.query())
                    .append(" → ").append(x.status()).append(':');
            answer.forEach(a -> why.append("\n  answer: ").append(a));
            if (!refused) {
                request.forEach(r -> why.append("\n  request (accepted although the document forbids it): ").append(r));
            }
            throw new AssertionError(why.toString());
        }
    }

    /** System property: how long (seconds, default 120) to wait for a merged document whose sources are all UP. */
    public static final String COMPLETE_DOCUMENT_WAIT = "portfolio.contract.complete-document-wait";

    /** The gateway serves the merged document at /openapi, a service its own at /q/openapi. */
    static Optional<OpenApiContract> documentOf(String origin) {
        Optional<OpenApiContract> known = DOCUMENTS.get(origin);
        if (known != null) {
            return known;
        }
        synchronized (LOCKS.computeIfAbsent(origin, o -> new Object())) { // one reading per server at a time
            known = DOCUMENTS.get(origin);
            if (known != null) {
                return known;
            }
            Optional<OpenApiContract> read = readDocument(origin);
            // only a document read is kept: a server that could not answer one this time (not up yet, overloaded) is
            // asked again at its next exchange, and this exchange fails (documentOrFail)
            read.ifPresent(d -> DOCUMENTS.put(origin, read));
            return read;
        }
    }

    private static Optional<OpenApiContract> readDocument(String o) {
        // a gateway that has not yet read every service's document serves an incomplete merge (a source not UP
        // in x-portfolio-sources): wait for the whole one rather than keep a partial one for the run; a test
        // set-up whose sources are down on purpose sets the wait (seconds) to 0
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong(COMPLETE_DOCUMENT_WAIT, 120)).toNanos();
        Optional<OpenApiContract> doc = fetch(o);
        while (doc.isPresent() && incomplete(doc.get()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            doc = fetch(o);
        }
        return doc;
    }

    /** A merged document that says one of its sources could not be read. */
    static boolean incomplete(OpenApiContract c) {
        return c.document().path("x-portfolio-sources").findValuesAsText("status").stream().anyMatch(s -> !s.equals("UP"));
    }

    private static Optional<OpenApiContract> fetch(String o) {
        {
            for (String path : List.of("/openapi?format=json", "/q/openapi?format=json")) {
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(o + path))
                            .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().trim().startsWith("{")) {
                        return Optional.of(OpenApiContract.parse(r.body()));
                    }
                } catch (IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    /** Forget the cached documents (a test that changes what a server serves). */
    public static void forgetDocuments() {
        DOCUMENTS.clear();
    }
}
