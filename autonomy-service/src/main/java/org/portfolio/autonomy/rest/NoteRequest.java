package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An optional note (e.g. who reviews, a withdrawal's reason)")
public record NoteRequest(@Size(max = 10000) String note) {
}
