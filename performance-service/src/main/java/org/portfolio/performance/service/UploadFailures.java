package org.portfolio.performance.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.service.ingest.HopelessUploadException;
import org.portfolio.performance.service.ingest.MalformedUploadException;
import org.portfolio.performance.service.ingest.RowReaders;
import org.portfolio.performance.service.ingest.UploadTooLargeException;
import org.portfolio.platform.web.json.JsonLimits;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a failed upload is told: the failure stored with its job and the problem answered. Neither repeats the body:
 * a parser's message quotes the input it choked on, which may be a student's id. An upload that stopped before its
 * body's end is answered with {@code Connection: close}, so that the rest of a hostile body is not read.
 */
final class UploadFailures {

    private static final Logger LOG = Logger.getLogger(UploadFailures.class);

    static final ProblemType ROWS_REJECTED = ProblemType.custom("upload-rows-rejected",
            "The first rows of the upload were all rejected", 422);

    private static final Map<String, String> CLOSE = Map.of("Connection", "close");

    private UploadFailures() {
    }

    static ProblemException busy(int uploads) {
        java.util.Map<String, String> headers = new java.util.HashMap<>(CLOSE);
        headers.put("Retry-After", "5");
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "This instance is taking " + uploads
                + " uploads at once, its most; send it again after Retry-After", List.of(), headers);
    }

    static ProblemException busyForClient(String client, int uploads) {
        java.util.Map<String, String> headers = new java.util.HashMap<>(CLOSE);
        headers.put("Retry-After", "5");
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "Client " + client + " has " + uploads
                + " uploads under way on this instance, the most one client may; send it again when one has ended",
                List.of(), headers);
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Uploads are limited to " + limit
                + " bytes; split the data into several uploads", List.of(), CLOSE);
    }

    /** The failure as the job keeps it (at most 900 characters, nothing quoted from the body). */
    static String failureMessage(Throwable t) {
        if (t instanceof ProblemException p) {
            return p.getMessage();
        }
        if (t instanceof MalformedUploadException || t instanceof UploadTooLargeException
                || t instanceof HopelessUploadException) {
            return t.getMessage();
        }
        if (t instanceof JsonProcessingException j) {
            return "Malformed body: " + parserMessage(j);
        }
        return "Internal error (" + t.getClass().getSimpleName() + ")";
    }

    static RuntimeException translate(Throwable t, UUID jobId, long limit, int responseErrors) {
        if (t instanceof ProblemException p) {
            return p;
        }
        if (t instanceof UploadTooLargeException) {
            return tooLarge(limit);
        }
        if (t instanceof HopelessUploadException h) {
            List<FieldError> errors = h.errors().first(responseErrors).stream()
                    .map(UploadFailures::fieldError).toList();
            return new ProblemException(ROWS_REJECTED, h.getMessage() + " (job " + jobId + ")", errors, CLOSE);
        }
        if (t instanceof MalformedUploadException m) {
            return new ProblemException(ProblemType.MALFORMED_BODY, m.getMessage() + " (job " + jobId
                    + "; nothing was kept)", List.of(), CLOSE);
        }
        if (t instanceof JsonProcessingException j) {
            String where = j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr();
            return new ProblemException(ProblemType.MALFORMED_BODY, "The body cannot be parsed" + where + ": "
                    + parserMessage(j) + " (job " + jobId + "; nothing was kept)", List.of(), CLOSE);
        }
        if (t instanceof IOException) {
            LOG.warnf("Upload job %s: reading the body failed: %s", jobId, t.toString());
            return new ProblemException(ProblemType.BAD_REQUEST, "The upload was interrupted before its end (job "
                    + jobId + "; nothing was kept)", List.of(), CLOSE);
        }
        return t instanceof RuntimeException re ? re : new IllegalStateException(t);
    }

    private static FieldError fieldError(RowError e) {
        return new FieldError("row " + e.row() + ": " + e.field(), e.message());
    }

    /** The parser's message without what it quotes from the body, and its limits in words. */
    private static String parserMessage(JsonProcessingException j) {
        if (j instanceof StreamConstraintsException) {
            String m = j.getOriginalMessage() == null ? "" : j.getOriginalMessage();
            if (m.startsWith("Name")) {
                return "a field name is longer than " + JsonLimits.MAX_NAME_LENGTH + " characters";
            }
            if (m.startsWith("Number")) {
                return "a number is longer than " + JsonLimits.MAX_NUMBER_LENGTH + " characters";
            }
            if (m.startsWith("String")) {
                return "a value is longer than " + RowReaders.MAX_VALUE_LENGTH + " characters";
            }
            if (m.contains("nesting depth")) {
                return "values are nested deeper than " + JsonLimits.MAX_NESTING_DEPTH + " levels";
            }
            return "the body exceeds the parser's limits";
        }
        String m = withoutQuotedInput(j.getOriginalMessage());
        return org.portfolio.platform.web.text.Texts.cut(m, 901);
    }

    /** A quoted piece of input in a parser's message; not the JSON literals it names as expected. */
    private static final Pattern QUOTED = Pattern.compile("'(?!(?:null|true|false)')[^']*'|\"[^\"]*\"");

    /**
     * A parser's message quotes the piece of the body it choked on ("Unrecognized token 'RV202-C2031-007'"), which
     * may be a student's id or worse: the job's stored failure and the answer keep the message, not the quote.
     */
    static String withoutQuotedInput(String message) {
        return message == null ? null : QUOTED.matcher(message).replaceAll("'…'");
    }

    /** The failure behind the transaction's and the parser's wrappers. */
    static Throwable unwrap(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof UploadTooLargeException) {
                return x; // wins over the parse error Jackson may wrap it in
            }
        }
        Throwable c = t;
        for (int i = 0; i < 10 && c != null; i++) {
            if (c instanceof ProblemException || c instanceof UploadTooLargeException
                    || c instanceof MalformedUploadException || c instanceof HopelessUploadException
                    || c instanceof JsonProcessingException) {
                return c;
            }
            c = c.getCause();
        }
        c = t;
        while ((c instanceof io.quarkus.narayana.jta.QuarkusTransactionException
                || c.getClass().getName().endsWith("RollbackException")) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
