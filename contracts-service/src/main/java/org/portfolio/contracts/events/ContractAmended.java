package org.portfolio.contracts.events;

import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractVersion;

import java.time.MonthDay;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code portfolio.contracts.ContractAmended.v1} (subject: the school id): the new version in the shape
 * of ContractActivated, plus the version it replaces, who amended and why.
 */
public record ContractAmended(UUID contractId, UUID schoolId, UUID oversightBodyId, int version,
                              ContractPayloads.Term term, UUID renewsContractId,
                              List<ContractPayloads.ProvisionData> provisions,
                              List<ContractPayloads.BenchmarkData> benchmarks, int previousVersion, String amendedBy,
                              String reason) {

    public static final String NAME = "ContractAmended";

    public static ContractAmended of(Contract c, ContractVersion v, int previousVersion, MonthDay lastDay) {
        return new ContractAmended(c.id, c.schoolId(), c.oversightBody.id, v.number,
                ContractPayloads.Term.of(v, lastDay), c.renewsContractId, ContractPayloads.provisions(v),
                ContractPayloads.benchmarks(v), previousVersion, v.createdBy, v.reason);
    }
}
