package org.portfolio.platform.web.contract;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A server on this machine that answers JSON and serves no OpenAPI document (a stub upstream, a webhook receiver). */
final class DocumentlessServer implements AutoCloseable {

    private final HttpServer server;

    DocumentlessServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            boolean thing = x.getRequestURI().getPath().equals("/api/things");
            byte[] body = (thing ? "{\"count\":3}" : "{}").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(thing ? 200 : 404, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
