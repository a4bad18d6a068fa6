package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.SchoolYear;

@Schema(description = "Where the new draft goes: the same school year (next version) when absent")
public record NewVersionRequest(@Schema(examples = "2027-28", pattern = SchoolYear.PATTERN) String schoolYear) {
}
