package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A comment on a request, visible to the school and the reviewers")
public record CommentRequest(
        @Schema(examples = "Please add how the extra time will be staffed") @NotBlank @Size(max = 10000) String text) {
}
