package org.portfolio.performance.service.ingest;

/** The upload as a whole cannot be read (not a JSON array, an unreadable CSV header, broken syntax): nothing is kept. */
public class MalformedUploadException extends RuntimeException {

    public MalformedUploadException(String message) {
        super(message, null, false, false);
    }
}
