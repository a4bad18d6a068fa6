package org.portfolio.autonomy.rest;

/** The request examples of {@link DecisionCatalogResource}'s operations, as the OpenAPI document shows them. */
final class DecisionCatalogExamples {

    /** POST /decisions: a district adds a PROGRAM decision to the catalog. */
    static final String DEFINE = """
            {"code": "SET_GRADING_POLICY", "domain": "PROGRAM", "name": "Set the grading policy",
             "description": "Choose grading scales, report-card formats and promotion criteria beyond the district minimums"}""";

    /** PUT /decisions/{code}: a new name and description (the domain stays, so it is left out). */
    static final String EDIT = """
            {"name": "Set the grading and promotion policy",
             "description": "Choose grading scales, report-card formats and grade promotion criteria; state graduation requirements still apply"}""";

    /** POST /decisions/{code}/retire: why the decision leaves the catalog. */
    static final String RETIRE = """
            {"reason": "Board policy 2026-31 makes grading a district-wide standard again"}""";

    private DecisionCatalogExamples() {
    }
}
