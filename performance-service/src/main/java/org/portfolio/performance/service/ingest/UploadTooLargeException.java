package org.portfolio.performance.service.ingest;

import java.io.IOException;

/** The body went past the upload size limit while it was read. */
public class UploadTooLargeException extends IOException {

    private final long limit;

    public UploadTooLargeException(long limit) {
        super("The upload is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
