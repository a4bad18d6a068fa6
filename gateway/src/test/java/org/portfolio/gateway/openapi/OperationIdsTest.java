package org.portfolio.gateway.openapi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** operationIds a generated client names its methods after: readable, unique, stable. */
class OperationIdsTest {

    private static String id(String method, String path) {
        return OperationIds.readable(method, path);
    }

    @Test
    void itemsAreGotUpdatedAndDeletedCollectionsListedAndCreated() {
        assertThat(id("get", "/api/contracts")).isEqualTo("listContracts");
        assertThat(id("post", "/api/contracts")).isEqualTo("createContract");
        assertThat(id("get", "/api/contracts/{id}")).isEqualTo("getContract");
        assertThat(id("put", "/api/contracts/{id}")).isEqualTo("updateContract");
        assertThat(id("patch", "/api/contracts/{id}")).isEqualTo("updateContract");
        assertThat(id("delete", "/api/contracts/{id}")).isEqualTo("deleteContract");
        assertThat(id("get", "/api/oversight-bodies/{id}")).isEqualTo("getOversightBody");
        assertThat(id("get", "/api/contracts/{id}/versions/{version}")).isEqualTo("getContractVersion");
        assertThat(id("post", "/api/enrollment/periods/{periodId}/programs")).isEqualTo("createEnrollmentPeriodProgram");
        assertThat(id("get", "/api/enrollment/periods/{periodId}/programs/{id}")).isEqualTo("getEnrollmentPeriodProgram");
        assertThat(id("delete", "/api/enrollment/periods/{periodId}/applications/{applicantId}"))
                .isEqualTo("deleteEnrollmentPeriodApplication");
    }

    @Test
    void subResourcesAreReadAndActionsAreVerbs() {
        assertThat(id("get", "/api/contracts/{id}/scorecard")).isEqualTo("getContractScorecard");
        assertThat(id("get", "/api/enrollment/periods/{periodId}/programs/{id}/waitlist")).isEqualTo("getEnrollmentPeriodProgramWaitlist");
        assertThat(id("get", "/api/autonomy/schools/{schoolId}/decision-rights")).isEqualTo("listAutonomySchoolDecisionRights");
        assertThat(id("put", "/api/contracts/{id}/intervention")).isEqualTo("updateContractIntervention");
        assertThat(id("post", "/api/autonomy/grants/{id}/activate")).isEqualTo("activateAutonomyGrant");
        assertThat(id("post", "/api/enrollment/periods/{id}/open")).isEqualTo("openEnrollmentPeriod");
        assertThat(id("post", "/api/enrollment/periods/{id}/discard-match")).isEqualTo("discardEnrollmentPeriodMatch");
        assertThat(id("post", "/api/enrollment/periods/{periodId}/offers/{offerId}/accept")).isEqualTo("acceptEnrollmentPeriodOffer");
        // a noun is created, not "renewalContract"
        assertThat(id("post", "/api/contracts/{id}/renewal")).isEqualTo("createContractRenewal");
        assertThat(id("post", "/api/contracts/{id}/termination")).isEqualTo("createContractTermination");
        assertThat(id("post", "/api/performance/frameworks/{id}/new-version")).isEqualTo("createPerformanceFrameworkNewVersion");
        assertThat(id("post", "/api/enrollment/periods/{id}/rounds")).isEqualTo("createEnrollmentPeriodRound");
        assertThat(id("get", "/.well-known/jwks.json")).isEqualTo("getWellKnownJwksJson");
    }

    @Test
    void aDeclaredIdIsKeptWhenNoOtherOperationHasIt() {
        List<String> ids = OperationIds.assign(List.of(
                new OperationIds.Operation("post", "/oauth/token", "requestToken"),
                new OperationIds.Operation("get", "/api/apples", "list"),
                new OperationIds.Operation("get", "/api/pears", "list"),
                new OperationIds.Operation("get", "/api/plums/{id}", null)));
        assertThat(ids).containsExactly("requestToken", "listApples", "listPears", "getPlum");
    }

    @Test
    void operationsThatWouldShareAnIdGetThePlainFormOfTheirPathWhateverTheirOrder() {
        List<OperationIds.Operation> ops = List.of(
                new OperationIds.Operation("put", "/api/things/{id}", null),
                new OperationIds.Operation("patch", "/api/things/{id}", null),
                new OperationIds.Operation("get", "/api/things/{id}", null),
                new OperationIds.Operation("get", "/api/other", "getThing"));
        assertThat(OperationIds.assign(ops)).containsExactly("putApiThingsById", "patchApiThingsById", "getApiThingsById", "getApiOther");
        assertThat(OperationIds.assign(List.of(ops.get(3), ops.get(2), ops.get(1), ops.get(0))))
                .containsExactly("getApiOther", "getApiThingsById", "patchApiThingsById", "putApiThingsById");
    }
}
