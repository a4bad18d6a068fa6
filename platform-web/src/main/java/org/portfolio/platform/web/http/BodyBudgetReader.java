package org.portfolio.platform.web.http;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;

/**
 * Counts a body's bytes against the service's {@link BodyBudget} as its reader takes them (Jackson, a String or an
 * InputStream handed to the resource). A read whose bytes do not fit beside the other bodies being read throws
 * {@link BodyBudget.OverBudget}, the 503 ProblemMappers answers (also from inside Jackson's wrapper); the rest of the
 * body is left unread and the connection closes.
 */
@Provider
public class BodyBudgetReader implements ReaderInterceptor {

    @Inject
    BodyBudget budget;

    @Inject
    CurrentVertxRequest current;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        BodyBudget.Counter counter = BodyBudget.counterOf(current.getCurrent());
        if (counter != null) {
            context.setInputStream(new CountedBody(context.getInputStream(), new CountedBody.Count() {
                @Override
                public void add(int n) {
                    budget.take(counter, n);
                }

                @Override
                public void end() {
                    budget.whole(counter);
                }
            }));
        }
        return context.proceed();
    }
}
