package org.portfolio.testing.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** rest-assured's side of {@link ContractValidation}: every request and answer of a test, checked. */
public final class ContractValidationFilter implements OrderedFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public int getOrder() {
        return OrderedFilter.LOWEST_PRECEDENCE; // after authentication filters: sees the request as sent
    }

    @Override
    public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        Response r = ctx.next(req, res);
        URI uri = URI.create(req.getURI());
        String origin = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        String body = r.asString();
        ContractValidation.check(origin, new OpenApiContract.Exchange(req.getMethod(), uri.getRawPath(), uri.getRawQuery(),
                req.getContentType(), requestBody(req), r.statusCode(), r.contentType(), body,
                r.getHeaders().asList().stream().collect(java.util.stream.Collectors.toMap(
                        h -> h.getName().toLowerCase(java.util.Locale.ROOT), io.restassured.http.Header::getValue, (a, b) -> a))));
        return r;
    }

    /** The request body as sent (form parameters are a body too); null when there is none or it cannot be read again. */
    private static String requestBody(FilterableRequestSpecification req) {
        if (req.getBody() == null && req.getFormParams() != null && !req.getFormParams().isEmpty()) {
            StringBuilder form = new StringBuilder();
            req.getFormParams().forEach((k, v) -> form.append(form.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
            return form.toString();
        }
        Object body = req.getBody();
        return bodyOf(body);
    }

    /** A body object as sent; null when it cannot be read again (a stream or a file). */
    private static String bodyOf(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        if (body instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (body instanceof java.io.InputStream || body instanceof java.io.File) {
            return null;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            return null;
        }
    }
}
