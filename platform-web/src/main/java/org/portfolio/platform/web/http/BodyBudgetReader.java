package org.portfolio.platform.web.http;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

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
            context.setInputStream(new Counted(context.getInputStream(), budget, counter));
        }
        return context.proceed();
    }

    /** Counts what is read; once refused, closing it leaves the rest unread (as BodySizeLimit's stream does). */
    static final class Counted extends FilterInputStream {
        private final BodyBudget budget;
        private final BodyBudget.Counter counter;
        private boolean refused;

        Counted(InputStream in, BodyBudget budget, BodyBudget.Counter counter) {
            super(in);
            this.budget = budget;
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            try {
                budget.take(counter, n);
            } catch (BodyBudget.OverBudget e) {
                refused = true;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (!refused) {
                super.close();
            }
        }
    }
}
