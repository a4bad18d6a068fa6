package org.portfolio.platform.web.http;

import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Nothing is written after the end of an answer. Something in front of RESTEasy may answer a request, and close its
 * connection, while a worker still reads its body: the gateway's 408 for a body that did not arrive in time (OwnBodies),
 * or a client hanging up. The worker's read then fails, the failure is mapped to a problem (ProblemMappers: one INFO
 * line), and RESTEasy went on to write that problem on the answer already sent: Quarkus then logged "Response has
 * already been written" at ERROR with a 22-line trace (sixteenth pass: twice in a green build's log, and any caller
 * could repeat it). An answer RESTEasy would give on a response already ended, or on a closed connection, loses its
 * body here, so nothing is written (RESTEasy ends an ended response no further, nor sets its status).
 */
public class AnsweredAlready {

    @ServerResponseFilter
    public void nothingAfterTheEnd(ContainerResponseContext answer, HttpServerResponse response) {
        if ((response.ended() || response.closed()) && answer.hasEntity()) {
            answer.setEntity(null);
        }
    }
}
