package org.portfolio.system.gateway;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.portfolio.system.PortfolioStack;

import java.time.Duration;
import java.util.List;

/**
 * One running suite ({@code ./portfolio up --demo} on free ports, the README's first command) shared by every system
 * test of the run, stopped ({@code ./portfolio down}) when the run ends; then every process {@code up} started must be
 * gone (what DemoDistrictIT promises of {@code down}), or the run fails. Test classes take it as a constructor or
 * method parameter. DemoDistrictIT runs first and sees the demo district as {@code up --demo} left it.
 */
public class RunningStack implements ParameterResolver {

    /** The stack, the output of the `up` that started it, and the pids of what it started. */
    public record Stack(PortfolioStack stack, String upOutput, List<Long> started) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stack.down();
            List<Long> alive = started.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
            if (!alive.isEmpty() || stack.pid("gateway").isPresent()) {
                throw new IllegalStateException("./portfolio down left processes " + alive + " of " + started
                        + " (or their pid files) behind");
            }
        }
    }

    /** The pids `up --demo` started: the six services, the infrastructure launcher, the demo's webhook receiver, PostgreSQL's postmaster. */
    public static List<Long> pids(PortfolioStack stack) throws java.io.IOException {
        List<Long> pids = new java.util.ArrayList<>();
        for (String s : PortfolioStack.SERVICES) {
            pids.add(stack.pid(s).orElseThrow());
        }
        pids.add(stack.pid("infra").orElseThrow());
        pids.add(stack.pid("demo-receiver").orElseThrow());
        pids.add(stack.postgresPid().orElseThrow());
        return List.copyOf(pids);
    }

    /** The demo loader's exchanges, one JSON line each (demo-district's Gateway, PORTFOLIO_DEMO_EXCHANGE_LOG). */
    public static java.nio.file.Path demoExchanges(PortfolioStack stack) {
        return stack.home().resolve("demo-exchanges.jsonl");
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.create(RunningStack.class))
                .computeIfAbsent("stack", k -> start(), Stack.class);
    }

    private static Stack start() {
        try {
            PortfolioStack stack = new PortfolioStack("stack-gateway")
                    // the build machine is shared: give a loaded machine time to start five JVMs
                    .env("PORTFOLIO_READY_TIMEOUT", "420")
                    // the system tests call anonymously from one address more than a real caller would
                    .env("PORTFOLIO_GATEWAY_RATE_LIMIT_ANONYMOUS_BURST", "500")
                    .env("PORTFOLIO_GATEWAY_RATE_LIMIT_ANONYMOUS_REQUESTS_PER_SECOND", "200")
                    // the bad-input sweep sends thousands of requests with one client's token in about a minute
                    .env("PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_BURST", "2000")
                    .env("PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_REQUESTS_PER_SECOND", "1000")
                    // the sweep's slow-body case waits for the gateway to cut a stalled body off: 5 s instead of 30
                    .env("PORTFOLIO_GATEWAY_UPSTREAM_BODY_STALL_TIMEOUT", "5s");
            // the demo loader logs every exchange it makes; DemoDistrictIT checks each against the merged document
            stack.env("PORTFOLIO_DEMO_EXCHANGE_LOG", demoExchanges(stack).toString());
            try {
                Stack running = new Stack(stack, stack.run(Duration.ofMinutes(12), "up", "--demo"), List.of());
                running = new Stack(stack, running.upOutput(), pids(stack));
                awaitWholeMergedDocument(stack.url("gateway"));
                return running;
            } catch (AssertionError | Exception e) {
                try {
                    System.out.println("[stack] did not start; its logs kept in " + stack.keepLogs());
                } catch (Exception | AssertionError keeping) {
                    e.addSuppressed(keeping);
                }
                try {
                    stack.run(Duration.ofMinutes(2), "down");
                } catch (Exception | AssertionError stopping) {
                    e.addSuppressed(stopping);
                }
                throw e;
            }
        } catch (Exception e) {
            throw new IllegalStateException("the stack did not start", e);
        }
    }

    /**
     * Ready services do not mean a whole merged document yet: the gateway reads each service's document on its own
     * schedule. Tests that read /openapi (the sweep, the contract checks) wait until every source is UP.
     */
    private static void awaitWholeMergedDocument(String gateway) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        org.awaitility.Awaitility.await("every service's paths in the gateway's merged /openapi").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway + "/openapi?format=json")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    var statuses = json.readTree(r.body()).path("x-portfolio-sources").findValuesAsText("status");
                    return statuses.size() >= PortfolioStack.SERVICES.size() - 1 && statuses.stream().allMatch("UP"::equals);
                });
    }
}
