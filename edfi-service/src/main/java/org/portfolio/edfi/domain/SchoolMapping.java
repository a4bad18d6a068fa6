package org.portfolio.edfi.domain;

import java.time.Instant;
import java.util.UUID;

/** Which school of the suite an Ed-Fi school is. */
public record SchoolMapping(long edfiSchoolId, UUID schoolId, String changedBy, Instant changedAt) {
}
