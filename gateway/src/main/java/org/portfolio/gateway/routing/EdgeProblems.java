package org.portfolio.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.List;

/** problem+json answers written by the gateway itself (before or instead of a service's answer). */
final class EdgeProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeProblems() {
    }

    static void send(HttpServerResponse res, ProblemType type, String detail, String path, String requestId) {
        if (res.headWritten() || res.ended() || res.closed()) {
            return;
        }
        Problem p = new Problem(type.uri(), type.title(), type.status(), detail, path, requestId, List.of());
        String body;
        try {
            body = JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + type.status() + "}";
        }
        res.setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(FrontDoor.REQUEST_ID, requestId)
                .end(body);
    }
}
