package org.portfolio.contracts.rest;

/**
 * The request examples of {@link SchoolResource}'s operations, as the document shows them (SmallRye parses each text
 * into the document): a new innovation middle school of the demo district, registered, moved and opened.
 */
final class SchoolExamples {

    private SchoolExamples() {
    }

    /** POST /api/schools: a new innovation middle school under its oversight body. */
    static final String REGISTRATION = """
            {"districtCode": "RV-305", "ncesId": "080336001305", "name": "Eastside Innovation Academy",
             "type": "INNOVATION", "grades": ["6", "7", "8"], "address": "2150 E 33rd Ave, Riverton", "zone": "EAST",
             "oversightBodyId": "9b2e6f4c-1d3a-4c8e-8f7b-2a5d9e0c4b13"}""";

    /** PUT /api/schools/{id}: the same school's details after its move to a new campus (every detail is sent). */
    static final String UPDATE = """
            {"districtCode": "RV-305", "ncesId": "080336001305", "name": "Eastside Innovation Academy",
             "type": "INNOVATION", "grades": ["6", "7", "8"], "address": "4800 E Montview Blvd, Riverton", "zone": "EAST",
             "oversightBodyId": "9b2e6f4c-1d3a-4c8e-8f7b-2a5d9e0c4b13"}""";

    /** POST /api/schools/{id}/decisions: the proposed school opens on the first day of the school year. */
    static final String DECISION = """
            {"decision": "OPEN", "reason": "Innovation plan approved by the Riverton Board of Education",
             "effectiveDate": "2026-08-17"}""";
}
