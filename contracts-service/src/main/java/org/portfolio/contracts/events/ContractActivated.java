package org.portfolio.contracts.events;

import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractVersion;

import java.time.MonthDay;
import java.util.List;
import java.util.UUID;

/** Data of {@code portfolio.contracts.ContractActivated.v1} (subject: the school id). See docs/events.md. */
public record ContractActivated(UUID contractId, UUID schoolId, UUID oversightBodyId, int version,
                                ContractPayloads.Term term, UUID renewsContractId,
                                List<ContractPayloads.ProvisionData> provisions,
                                List<ContractPayloads.BenchmarkData> benchmarks) {

    public static final String NAME = "ContractActivated";

    public static ContractActivated of(Contract c, ContractVersion v, MonthDay lastDay) {
        return new ContractActivated(c.id, c.schoolId(), c.oversightBody.id, v.number,
                ContractPayloads.Term.of(v, lastDay), c.renewsContractId, ContractPayloads.provisions(v),
                ContractPayloads.benchmarks(v));
    }
}
