package org.portfolio.platform.web.http;

import java.util.regex.Pattern;

/**
 * A request path as a log line may carry it: the segment after {@code /applications/} or {@code /applicants/} names an
 * applicant (a child),
 * and no applicant id goes into a log (docs/enrollment-service.md). Found by the review of 2026-12-06 (seventh pass):
 * the gateway's 502/503/504 lines and the services' 409/503/500 lines logged the path as it was.
 */
public final class LoggedPaths {

    private static final Pattern APPLICANT = Pattern.compile("(/applications/|/applicants/)[^/]+");

    private LoggedPaths() {
    }

    public static String of(String path) {
        return path == null ? "?" : APPLICANT.matcher(path).replaceAll("$1{applicantId}");
    }
}
