package org.portfolio.contracts.events;

import org.portfolio.contracts.domain.Contract;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Data of {@code portfolio.contracts.ContractEnded.v1} (subject: the school id). See docs/events.md;
 * {@code endedBy} is an addition.
 */
public record ContractEnded(UUID contractId, UUID schoolId, int version, String endedAs, String reason,
                            LocalDate effectiveDate, UUID renewedByContractId, String endedBy) {

    public static final String NAME = "ContractEnded";

    public static ContractEnded of(Contract c) {
        return new ContractEnded(c.id, c.schoolId(), c.currentVersion, c.status.name(), c.endReason,
                c.endEffectiveDate, c.renewedByContractId, c.endedBy);
    }
}
