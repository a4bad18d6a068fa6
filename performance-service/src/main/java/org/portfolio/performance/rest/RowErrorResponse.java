package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.RowError;

@Schema(name = "RowError", description = "A rejected row of an upload; the message never repeats a student identifier",
        requiredProperties = {"row", "field", "message"})
public record RowErrorResponse(@Schema(description = "1 = the first element of the JSON array, or the first CSV record after the header")
                               long row,
                               @Schema(description = "The field at fault, or row for the row as a whole", examples = "performanceLevel")
                               String field,
                               @Schema(examples = "must be between 1 and 5") String message) {

    static RowErrorResponse of(RowError e) {
        return new RowErrorResponse(e.row(), e.field(), e.message());
    }
}
