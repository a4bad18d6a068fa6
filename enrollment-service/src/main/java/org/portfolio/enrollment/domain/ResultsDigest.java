package org.portfolio.enrollment.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a match's offers, fed applicant by applicant in applicant id order ("applicant:program", or
 * "applicant:-" for no offer). Two runs with the same digest made the same offers; the digest names nobody.
 */
public final class ResultsDigest {

    private final MessageDigest sha;

    public ResultsDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void add(String applicantId, String programIdOrNull) {
        sha.update((applicantId + ":" + (programIdOrNull == null ? "-" : programIdOrNull) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public String sha256() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
