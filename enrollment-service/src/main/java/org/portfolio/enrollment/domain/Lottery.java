package org.portfolio.enrollment.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The lottery: one number per applicant and period, {@code HMAC-SHA256(key = seed as UTF-8, message = applicant id
 * as its canonical lower-case UUID string)}, the first 8 bytes as an unsigned big-endian integer, its top 53 bits
 * divided by 2^53: a double in [0, 1), lower is better. The seed (64 hex characters) is recorded when the window
 * closes, its SHA-256 shown at once, the seed itself revealed at publication, so anyone can recompute every number.
 */
public final class Lottery {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Lottery() {
    }

    public static String newSeed() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    public static String sha256(String seed) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reusable drawer for one seed (a Mac is not thread-safe: one per thread). */
    public static final class Drawer {
        private final Mac mac;

        public Drawer(String seed) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(seed.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (Exception e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }

        public double number(UUID applicantId) {
            byte[] h = mac.doFinal(applicantId.toString().getBytes(StandardCharsets.US_ASCII));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return (v >>> 11) / (double) (1L << 53);
        }
    }

    public static double number(String seed, UUID applicantId) {
        return new Drawer(seed).number(applicantId);
    }
}
