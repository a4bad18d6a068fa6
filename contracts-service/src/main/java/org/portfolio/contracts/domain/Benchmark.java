package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A benchmark of one contract version: a metric compared with a target for a period, the autonomy domains it
 * guards and the intervention level a miss triggers. {@link #benchmarkId} is stable across versions.
 */
@Entity
@Table(name = "contract_benchmark")
public class Benchmark extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contract_version_id", nullable = false)
    public ContractVersion contractVersion;

    @Column(name = "benchmark_id", nullable = false)
    public UUID benchmarkId;

    @Column(nullable = false)
    public int position;

    @Column(name = "metric_code", nullable = false, length = 60)
    public String metricCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public BenchmarkComparator comparator;

    @Column(nullable = false)
    public BigDecimal target;

    @Column(nullable = false, length = 7)
    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public BenchmarkCategory category;

    @Convert(converter = DomainsConverter.class)
    @Column(name = "guards_domains", nullable = false, length = 60)
    public Set<AutonomyDomain> guardsDomains = EnumSet.noneOf(AutonomyDomain.class);

    @Enumerated(EnumType.STRING)
    @Column(name = "miss_triggers", nullable = false, length = 30)
    public InterventionLevel missTriggers;

    @Column(name = "reinstate_on_met", nullable = false)
    public boolean reinstateOnMet;

    @Column(length = 1000)
    public String description;

    public static Benchmark of(ContractVersion version, UUID benchmarkId, int position, BenchmarkSpec spec) {
        Benchmark b = new Benchmark();
        b.id = UUID.randomUUID();
        b.contractVersion = version;
        b.benchmarkId = benchmarkId;
        b.position = position;
        b.metricCode = spec.metricCode();
        b.comparator = spec.comparator();
        b.target = Numbers.normalize(spec.target());
        b.period = spec.period();
        b.category = spec.category();
        b.guardsDomains = spec.guardsDomains().isEmpty()
                ? EnumSet.noneOf(AutonomyDomain.class) : EnumSet.copyOf(spec.guardsDomains());
        b.missTriggers = spec.missTriggers();
        b.reinstateOnMet = spec.reinstateOnMet();
        b.description = spec.description();
        return b;
    }

    public BenchmarkSpec toSpec() {
        return new BenchmarkSpec(benchmarkId, metricCode, comparator, target, period, category, guardsDomains,
                missTriggers, reinstateOnMet, description);
    }

    /** Same metric, period, comparator and target: an evaluation of one holds for the other. */
    public boolean sameMeasureAs(Benchmark o) {
        return metricCode.equals(o.metricCode) && period.equals(o.period) && comparator == o.comparator
                && target.compareTo(o.target) == 0;
    }

    /** The same domains guarded: where a result of it acts in autonomy. */
    public boolean sameGuardsAs(Benchmark o) {
        return guardsDomains.equals(o.guardsDomains);
    }

    public boolean sameTermsAs(Benchmark o) {
        return sameMeasureAs(o) && category == o.category && guardsDomains.equals(o.guardsDomains)
                && missTriggers == o.missTriggers && reinstateOnMet == o.reinstateOnMet
                && Objects.equals(description, o.description);
    }

    public boolean isMet(BigDecimal actual) {
        return comparator.isMet(actual, target);
    }
}
