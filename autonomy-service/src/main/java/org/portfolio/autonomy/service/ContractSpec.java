package org.portfolio.autonomy.service;

import java.util.List;
import java.util.UUID;

/**
 * A contract version as the autonomy service needs it (from ContractActivated / ContractAmended).
 *
 * @param startYear first school year of the term, e.g. "2026-27" (null when the event gave no term)
 * @param endYear   last school year of the term
 */
public record ContractSpec(UUID contractId, UUID schoolId, int version, String startYear, String endYear,
                           UUID renewsContractId, List<ProvisionSpec> provisions) {
}
