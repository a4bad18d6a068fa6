package org.portfolio.gateway.routing;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The size limit of the gateway's own resources (the token endpoints, the admin API) for a body that does not state
 * its length (chunked, or an HTTP/2 stream): {@link FrontDoor} refuses a stated length over it before a byte is read;
 * such a body is counted here as RESTEasy reads it and refused with the same problem+json 413 (the connection closed)
 * at the byte that goes over. It met Quarkus's own limit instead, a bare 413 without a body (sixth pass, L4), which
 * now sits at twice this as a backstop only.
 */
@Provider
public class OwnBodyLimit implements ReaderInterceptor {

    @Inject
    FrontDoor frontDoor;

    @Inject
    HttpServerRequest request;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String path = request.path();
        context.setInputStream(new Bounded(context.getInputStream(), frontDoor.ownBodyLimit(path), path, request));
        return context.proceed();
    }

    static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String path;
        private final HttpServerRequest request;
        private long read;

        Bounded(InputStream in, long limit, String path, HttpServerRequest request) {
            super(in);
            this.limit = limit;
            this.path = path;
            this.request = request;
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

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                if (request != null) {
                    FrontDoor.closeAfterAnswer(request);
                }
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + FrontDoor.size(limit)
                        + ", the limit of " + path);
            }
        }
    }
}
