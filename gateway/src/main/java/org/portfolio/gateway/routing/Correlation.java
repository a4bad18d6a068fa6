package org.portfolio.gateway.routing;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id and W3C trace context the gateway passes to a service: a well-formed incoming
 * {@code X-Request-Id} is kept, else one is generated; the incoming trace id is kept (else generated) and the
 * gateway's hop gets a new parent id. The same rules as platform-web's RequestCorrelation, without the MDC
 * (the proxy never blocks and logs only failures).
 */
record Correlation(String requestId, String traceId, String traceparent, String flags) {

    static Correlation of(String incomingRequestId, String incomingTraceparent) {
        String requestId = safeId(incomingRequestId) ? incomingRequestId : randomUuid();
        String traceId = null;
        String flags = "01";
        if (incomingTraceparent != null) {
            String tp = incomingTraceparent.trim();
            if (tp.length() == 55 && tp.startsWith("00-") && tp.charAt(35) == '-' && tp.charAt(52) == '-'
                    && hex(tp, 3, 35) && hex(tp, 36, 52) && hex(tp, 53, 55) && !tp.substring(3, 35).equals("0".repeat(32))) {
                traceId = tp.substring(3, 35);
                flags = tp.substring(53, 55);
            }
        }
        if (traceId == null) {
            traceId = randomHex(16);
        }
        return new Correlation(requestId, traceId, "00-" + traceId + "-" + randomHex(8) + "-" + flags, flags);
    }

    static boolean safeId(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** A version-4 UUID from ThreadLocalRandom: unique is all a request id needs, and it never blocks on SecureRandom. */
    static String randomUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String randomHex(int bytes) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            int b = r.nextInt(256);
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
