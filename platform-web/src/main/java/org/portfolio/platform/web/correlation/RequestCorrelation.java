package org.portfolio.platform.web.correlation;

import org.jboss.logging.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation of one unit of work (an HTTP request or a consumed event): a request id and a W3C trace
 * context. Both live in the logging MDC ({@code requestId}, {@code traceId}), so every log line carries
 * them, and the outbox copies the traceparent into each event it writes.
 */
public final class RequestCorrelation {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String TRACEPARENT_HEADER = "traceparent";
    public static final String MDC_REQUEST_ID = "requestId";
    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_TRACEPARENT = "traceparent";

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private RequestCorrelation() {
    }

    /** Starts a unit of work, keeping a well-formed incoming request id / traceparent and generating what is missing. */
    public static void begin(String incomingRequestId, String incomingTraceparent) {
        String traceId;
        if (incomingTraceparent != null && TRACEPARENT.matcher(incomingTraceparent.trim()).matches()
                && !incomingTraceparent.trim().substring(3, 35).equals("0".repeat(32))) {
            traceId = incomingTraceparent.trim().substring(3, 35);
        } else {
            traceId = randomHex(16);
        }
        String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";
        String requestId = incomingRequestId != null && SAFE_ID.matcher(incomingRequestId).matches()
                ? incomingRequestId : UUID.randomUUID().toString();
        MDC.put(MDC_REQUEST_ID, requestId);
        MDC.put(MDC_TRACE_ID, traceId);
        MDC.put(MDC_TRACEPARENT, traceparent);
    }

    public static void end() {
        MDC.remove(MDC_REQUEST_ID);
        MDC.remove(MDC_TRACE_ID);
        MDC.remove(MDC_TRACEPARENT);
    }

    /** The current request id, or a new one (logged with the error it is quoted for) when outside a unit of work. */
    public static String requestId() {
        Object id = MDC.get(MDC_REQUEST_ID);
        if (id == null) {
            String generated = UUID.randomUUID().toString();
            MDC.put(MDC_REQUEST_ID, generated);
            return generated;
        }
        return id.toString();
    }

    /** The current W3C traceparent, or null outside a unit of work. */
    public static String traceparent() {
        Object tp = MDC.get(MDC_TRACEPARENT);
        return tp == null ? null : tp.toString();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }
}
