package org.portfolio.performance.service.ingest;

/**
 * The first rows of an upload were all rejected: the upload is stopped there (nothing is kept) rather than read to
 * its end, so that a body that cannot be what the endpoint takes costs little. Carries the errors found so far.
 */
public class HopelessUploadException extends RuntimeException {

    private final transient RowErrors errors;

    public HopelessUploadException(long rows, RowErrors errors) {
        super("The first " + rows + " rows were all rejected, so the upload was stopped and nothing was kept; "
                + "correct the rows (errors lists the first problems) and post again", null, false, false);
        this.errors = errors;
    }

    public RowErrors errors() {
        return errors;
    }
}
