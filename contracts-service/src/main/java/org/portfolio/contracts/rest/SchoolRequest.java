package org.portfolio.contracts.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.platform.web.openapi.UniqueItems;
import org.portfolio.platform.web.vocabulary.Grade;
import org.portfolio.contracts.domain.SchoolType;

import java.util.List;
import java.util.UUID;

@Schema(description = "A school to register")
public record SchoolRequest(
        @Schema(description = "The district's own code for the school", examples = "EHS-104")
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, . _ - only") String districtCode,
        @Schema(description = "NCES school id (12 digits), if assigned", examples = "080336001234")
        @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String ncesId,
        @Schema(examples = "Eastside High School") @NotBlank @Size(max = 200) String name,
        @Schema(examples = "INNOVATION") @NotNull SchoolType type,
        // a list, so that maxItems counts what is sent (read into a set, copies of one value were one; fourteenth pass)
        @Schema(description = "Grades served: PK, K, 1 … 12. " + UniqueItems.NOTE, examples = "[\"9\", \"10\", \"11\", \"12\"]")
        @NotEmpty @Size(max = 14) List<@NotNull Grade> grades,
        @Schema(examples = "1200 E 12th Ave, Metro City") @Size(max = 300) String address,
        @Schema(description = "Attendance zone", examples = "EAST") @Size(max = 60) String zone,
        @Schema(description = "The oversight body that authorizes the school") @NotNull UUID oversightBodyId) {
}
