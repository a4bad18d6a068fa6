package org.portfolio.system.gateway;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.portfolio.system.PortfolioStack;

import java.time.Duration;

/**
 * One running suite (`./portfolio up` on free ports) shared by every gateway system test of the run, stopped
 * (`./portfolio down`) when the run ends. Test classes take it as a constructor or method parameter.
 */
public class RunningStack implements ParameterResolver {

    /** The stack and the output of the `up` that started it. */
    public record Stack(PortfolioStack stack, String upOutput) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stack.down();
        }
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
            try {
                return new Stack(stack, stack.up());
            } catch (AssertionError | Exception e) {
                stack.run(Duration.ofMinutes(2), "down");
                throw e;
            }
        } catch (Exception e) {
            throw new IllegalStateException("the stack did not start", e);
        }
    }
}
