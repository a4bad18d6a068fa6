package org.portfolio.contracts.events;

import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.Provision;
import org.portfolio.contracts.domain.SchoolYear;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.UUID;

/** The parts ContractActivated and ContractAmended share. */
public final class ContractPayloads {

    private ContractPayloads() {
    }

    /** {@code startDate} / {@code endDate} (first and last day of the term) are additions to the contract. */
    public record Term(String startYear, String endYear, LocalDate startDate, LocalDate endDate) {

        public static Term of(ContractVersion v, MonthDay lastDay) {
            SchoolYear start = SchoolYear.parse(v.termStartYear);
            SchoolYear end = SchoolYear.parse(v.termEndYear);
            return new Term(v.termStartYear, v.termEndYear, start.firstDay(lastDay), end.lastDay(lastDay));
        }
    }

    /** {@code fallBackAfterYears} is an addition to the contract (absent in older events: = consecutiveYears). */
    public record Eligibility(String minimumTier, int consecutiveYears, int fallBackAfterYears) {
    }

    public record ProvisionData(UUID provisionId, String domain, String model, String scope, List<String> decisions,
                                Eligibility eligibility) {

        static ProvisionData of(Provision p) {
            return new ProvisionData(p.provisionId, p.domain.name(), p.model.name(), p.scope, List.copyOf(p.decisions),
                    p.eligibilityMinimumTier == null ? null
                            : new Eligibility(p.eligibilityMinimumTier.name(), p.eligibilityConsecutiveYears,
                            p.eligibilityFallBackAfterYears != null ? p.eligibilityFallBackAfterYears
                                    : p.eligibilityConsecutiveYears));
        }
    }

    public record BenchmarkData(UUID benchmarkId, String metricCode, String comparator, BigDecimal target,
                                String period, String category, List<String> guardsDomains, String missTriggers,
                                boolean reinstateOnMet) {

        static BenchmarkData of(Benchmark b) {
            return new BenchmarkData(b.benchmarkId, b.metricCode, b.comparator.name(), b.target, b.period,
                    b.category.name(), b.guardsDomains.stream().sorted().map(Enum::name).toList(),
                    b.missTriggers.name(), b.reinstateOnMet);
        }
    }

    static List<ProvisionData> provisions(ContractVersion v) {
        return v.provisions.stream().map(ProvisionData::of).toList();
    }

    static List<BenchmarkData> benchmarks(ContractVersion v) {
        return v.benchmarks.stream().map(BenchmarkData::of).toList();
    }
}
