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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** An autonomy provision of one contract version. {@link #provisionId} is stable across versions. */
@Entity
@Table(name = "contract_provision")
public class Provision extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contract_version_id", nullable = false)
    public ContractVersion contractVersion;

    @Column(name = "provision_id", nullable = false)
    public UUID provisionId;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public AutonomyDomain domain;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public AutonomyModel model;

    @Column(nullable = false, length = 1000)
    public String scope;

    /** Decision codes covered; empty = the whole domain. */
    @Convert(converter = CodesConverter.class)
    @Column(nullable = false, columnDefinition = "text")
    public List<String> decisions = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "eligibility_minimum_tier", length = 20)
    public RatingTier eligibilityMinimumTier;

    @Column(name = "eligibility_consecutive_years")
    public Integer eligibilityConsecutiveYears;

    /** EARNED: consecutive rated years below the minimum tier after which the earned autonomy falls back. */
    @Column(name = "eligibility_fall_back_after_years")
    public Integer eligibilityFallBackAfterYears;

    public static Provision of(ContractVersion version, UUID provisionId, int position, ProvisionSpec spec) {
        Provision p = new Provision();
        p.id = UUID.randomUUID();
        p.contractVersion = version;
        p.provisionId = provisionId;
        p.position = position;
        p.domain = spec.domain();
        p.model = spec.model();
        p.scope = spec.scope();
        p.decisions = new ArrayList<>(spec.decisions());
        p.eligibilityMinimumTier = spec.minimumTier();
        p.eligibilityConsecutiveYears = spec.consecutiveYears();
        p.eligibilityFallBackAfterYears = spec.fallBackAfterYears();
        return p;
    }

    public ProvisionSpec toSpec() {
        return new ProvisionSpec(provisionId, domain, model, scope, decisions, eligibilityMinimumTier,
                eligibilityConsecutiveYears, eligibilityFallBackAfterYears);
    }

    public boolean sameTermsAs(Provision o) {
        return domain == o.domain && model == o.model && scope.equals(o.scope) && decisions.equals(o.decisions)
                && eligibilityMinimumTier == o.eligibilityMinimumTier
                && Objects.equals(eligibilityConsecutiveYears, o.eligibilityConsecutiveYears)
                && Objects.equals(eligibilityFallBackAfterYears, o.eligibilityFallBackAfterYears);
    }
}
