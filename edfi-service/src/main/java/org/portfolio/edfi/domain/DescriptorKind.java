package org.portfolio.edfi.domain;

/**
 * The descriptors of assessments the district maps (docs/edfi.md), per namespace: what each code value means to the
 * suite. Nothing is guessed: a performance level or a subject that is not mapped is refused or reported.
 */
public enum DescriptorKind {
    /** PerformanceLevelDescriptor → the suite's performance level 1–5 (the framework's proficient level decides proficiency). */
    PERFORMANCE_LEVEL("performance-levels"),
    /** AcademicSubjectDescriptor → the suite's subject code (ELA, MATH, …). */
    ACADEMIC_SUBJECT("academic-subjects"),
    /** AssessmentReportingMethodDescriptor → whether its score result is the scale score. */
    REPORTING_METHOD("reporting-methods");

    private final String path;

    DescriptorKind(String path) {
        this.path = path;
    }

    /** Its path under {@code /edfi/mappings/}. */
    public String path() {
        return path;
    }
}
