package org.portfolio.enrollment.domain;

import java.util.List;
import java.util.UUID;

/** The part of an applicant's data the priority rules use. */
public record ApplicantProfile(UUID applicantId, String grade, String homeZone, UUID currentSchoolId,
                               List<String> siblingSchoolIds, List<String> staffSchoolIds, List<String> flags) {
}
