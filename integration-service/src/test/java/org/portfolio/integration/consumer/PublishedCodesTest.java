package org.portfolio.integration.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The codes an event of the feed keeps in place of a person's free text (issue 15), field by field. */
class PublishedCodesTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String C1 = "0b9d3c52-6f1e-4c7a-9a53-1f2e3d4c5b6a";
    static final String C2 = "7c1f0a3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b";

    static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s.replace('\'', '"'));
    }

    static Optional<String> codes(String type, String data) throws Exception {
        return PublishedCodes.codesOnly(type, json(data)).map(JsonNode::toString);
    }

    @Test
    void aCorrectionPublishedBeforeGetsTheCodeOtherAndLosesItsText() throws Exception {
        String data = "{'resultId':'r','value':41.5,'correction':{'correctionId':'" + C1 + "','reason':'Jane Doe re-scored'}}";
        assertThat(codes(PublishedCodes.METRIC_RESULT_RECORDED, data)).contains(json("{'resultId':'r','value':41.5,"
                + "'correction':{'correctionId':'" + C1 + "','reason':'OTHER','reasonCode':'OTHER'}}").toString());
        assertThat(codes(PublishedCodes.BENCHMARK_EVALUATED, data).orElseThrow()).doesNotContain("Jane");
    }

    @Test
    void aCodeOutsideTheClosedListIsOtherAndAKnownCodeReplacesTheText() throws Exception {
        assertThat(codes(PublishedCodes.METRIC_RESULT_RECORDED,
                "{'correction':{'correctionId':'" + C1 + "','reasonCode':'JANE_DOE','reason':'JANE_DOE'}}"))
                .contains("{\"correction\":{\"correctionId\":\"" + C1 + "\",\"reasonCode\":\"OTHER\",\"reason\":\"OTHER\"}}");
        assertThat(codes(PublishedCodes.METRIC_RESULT_RECORDED,
                "{'correction':{'correctionId':'" + C1 + "','reasonCode':'SCORING_ERROR','reason':'Jane Doe'}}"))
                .contains("{\"correction\":{\"correctionId\":\"" + C1 + "\",\"reasonCode\":\"SCORING_ERROR\",\"reason\":\"SCORING_ERROR\"}}");
    }

    @Test
    void anEventPublishedSinceIssue15OrWithoutTheseFieldsIsLeftAlone() throws Exception {
        assertThat(codes(PublishedCodes.METRIC_RESULT_RECORDED,
                "{'correction':{'correctionId':'" + C1 + "','reasonCode':'SCORING_ERROR','reason':'SCORING_ERROR'}}")).isEmpty();
        assertThat(codes(PublishedCodes.METRIC_RESULT_RECORDED, "{'value':1}")).isEmpty();
        assertThat(codes(PublishedCodes.INTEGRITY_FLAG_RESOLVED, "{'resolutionCode':'EXPLAINED','note':'EXPLAINED'}")).isEmpty();
        assertThat(codes(PublishedCodes.AUTONOMY_REINSTATED, "{'cause':{'kind':'BENCHMARK_MET','description':'Benchmark X met"
                + " — on corrected data (correction " + C1 + ": SCORING_ERROR)','correction':{'correctionId':'" + C1
                + "','reasonCode':'SCORING_ERROR','reason':'SCORING_ERROR'}}}")).isEmpty();
        // another type is never looked at, whatever it holds
        assertThat(codes("portfolio.contracts.SchoolUpdated.v1", "{'note':'Jane Doe','correction':{'reason':'Jane'}}")).isEmpty();
    }

    @Test
    void aResolutionPublishedBeforeGetsTheCodeOther() throws Exception {
        assertThat(codes(PublishedCodes.INTEGRITY_FLAG_RESOLVED, "{'flagId':'f','note':'spoke with Jane Doe, fine'}"))
                .contains("{\"flagId\":\"f\",\"note\":\"OTHER\",\"resolutionCode\":\"OTHER\"}");
        assertThat(codes(PublishedCodes.INTEGRITY_FLAG_RESOLVED, "{'resolutionCode':'EXPLAINED','note':'spoke with Jane'}"))
                .contains("{\"resolutionCode\":\"EXPLAINED\",\"note\":\"EXPLAINED\"}");
    }

    @Test
    void anAutonomyDescriptionQuotingItsCorrectionGetsTheCodeExactlyTheRestStays() throws Exception {
        String reason = "Jane \\\"JD\\\" Doe (grade 4) re-scored); sorry";
        String data = "{\"cause\":{\"kind\":\"BENCHMARK_MISSED\",\"description\":\"Benchmark X missed — on corrected data "
                + "(correction " + C1 + ": " + reason + "); the grant was already revoked\",\"correction\":{\"correctionId\":\""
                + C1 + "\",\"reason\":\"" + reason + "\"}}}";
        JsonNode out = PublishedCodes.codesOnly(PublishedCodes.AUTONOMY_REVOKED, MAPPER.readTree(data)).orElseThrow();
        assertThat(out.at("/cause/description").asText()).isEqualTo(
                "Benchmark X missed — on corrected data (correction " + C1 + ": OTHER); the grant was already revoked");
        assertThat(out.at("/cause/correction/reasonCode").asText()).isEqualTo("OTHER");
        assertThat(out.at("/cause/correction/reason").asText()).isEqualTo("OTHER");
    }

    @Test
    void aQuoteOfAnotherCorrectionIsCutFromTheQuoteOn() throws Exception {
        JsonNode out = PublishedCodes.codesOnly(PublishedCodes.INTERVENTION_ESCALATED, json("{'level':'NOTICE_OF_CONCERN',"
                + "'reason':'Benchmark X missed: 30 < 40 — on corrected data (correction " + C2 + ": Jane Doe); first miss'}"))
                .orElseThrow();
        assertThat(out.get("reason").asText()).isEqualTo(
                "Benchmark X missed: 30 < 40 — on corrected data (correction " + C2 + ": OTHER)");
        assertThat(out.get("level").asText()).isEqualTo("NOTICE_OF_CONCERN");
        // a description whose quote is a code is kept; nor is the data handed in changed
        JsonNode in = json("{'reason':'… (correction " + C2 + ": LATE_SUBMISSION); first miss'}");
        assertThat(PublishedCodes.codesOnly(PublishedCodes.INTERVENTION_ESCALATED, in)).isEmpty();
        JsonNode old = json("{'note':'Jane'}");
        PublishedCodes.codesOnly(PublishedCodes.INTEGRITY_FLAG_RESOLVED, old);
        assertThat(old.get("note").asText()).isEqualTo("Jane");
    }
}
