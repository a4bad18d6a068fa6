package org.portfolio.gateway.routing;

import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import org.portfolio.platform.web.http.BodySizeLimit;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

/**
 * The size limit of the gateway's own resources (the token endpoints, the admin API) for a body that does not state
 * its length (chunked, or an HTTP/2 stream): {@link FrontDoor} refuses a stated length over it before a byte is read;
 * such a body is counted here as RESTEasy reads it (platform-web's {@link BodySizeLimit}) and refused with the same
 * problem+json 413 at the byte that goes over, whether or not the body has ended, the connection closed (HTTP/1.1; an
 * HTTP/2 stream is left to the client: FrontDoor.closeAfterAnswer). It met Quarkus's own limit instead, a bare 413 without a body
 * (sixth pass, L4), which now sits above this as a backstop only.
 */
@Provider
public class OwnBodyLimit extends BodySizeLimit {

    @Inject
    FrontDoor frontDoor;

    @Inject
    RoutingContext routing;

    /**
     * The limit of the path as routed (dot segments removed, unreserved escapes decoded): {@code /oauth/%74oken} is the
     * token endpoint and has its 16 KB; the raw path fell back to the default limit (ninth pass review).
     */
    @Override
    protected long limit() {
        return frontDoor.ownBodyLimit(routing.normalizedPath());
    }

    @Override
    protected RuntimeException tooLarge(long limit) {
        FrontDoor.closeAfterAnswer(routing);
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + FrontDoor.size(limit)
                + ", the limit of " + routing.normalizedPath());
    }
}
