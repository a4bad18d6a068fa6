package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An autonomy grant: school, domain (optionally a subset of its decisions), model, status, effective dates,
 * source, and the cause of its latest change. Every change goes through a method here that checks the
 * transition and returns the history entry that records it (with its cause).
 */
@Entity
@Table(name = "autonomy_grant")
public class Grant extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public AutonomyDomain domain;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public GrantModel model;

    /** The decision codes covered; empty = every decision of the domain (also those added to the catalog later). */
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, length = 4000)
    public List<String> decisions = List.of();

    @Column(length = 1000)
    public String scope;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public GrantSource source;

    @Column(name = "contract_id")
    public UUID contractId;

    @Column(name = "provision_id")
    public UUID provisionId;

    @Column(name = "request_id")
    public UUID requestId;

    @Enumerated(EnumType.STRING)
    @Column(name = "eligibility_minimum_tier", length = 20)
    public RatingTier eligibilityMinimumTier;

    @Column(name = "eligibility_consecutive_years")
    public Integer eligibilityConsecutiveYears;

    /** EARNED: after this many consecutive rated years below the minimum tier the grant falls back to PENDING. */
    @Column(name = "eligibility_fall_back_after_years")
    public Integer eligibilityFallBackAfterYears;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    /** Inclusive; null = open-ended. */
    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public GrantStatus status;

    @Column(name = "status_since", nullable = false)
    public Instant statusSince;

    /** Set when its contract was RENEWED: the successor contract's activation takes the grant over. */
    @Column(name = "successor_contract_id")
    public UUID successorContractId;

    /** A grant revoked for missed benchmarks comes back by itself when they are met (contract says so). */
    @Column(name = "auto_reinstate", nullable = false)
    public boolean autoReinstate;

    @Column(name = "ever_active", nullable = false)
    public boolean everActive;

    @Embedded
    public Cause cause;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A new grant, not yet in any status: follow with {@link #open}. */
    public static Grant create(UUID schoolId, AutonomyDomain domain, GrantModel model, List<String> decisions,
                               String scope, GrantSource source, LocalDate effectiveFrom, LocalDate effectiveTo) {
        return create(UUID.randomUUID(), schoolId, domain, model, decisions, scope, source, effectiveFrom, effectiveTo);
    }

    /** A new grant under the given id (derived from what caused it), not yet in any status. */
    public static Grant create(UUID id, UUID schoolId, AutonomyDomain domain, GrantModel model, List<String> decisions,
                               String scope, GrantSource source, LocalDate effectiveFrom, LocalDate effectiveTo) {
        Grant g = new Grant();
        g.id = Objects.requireNonNull(id);
        g.schoolId = Objects.requireNonNull(schoolId);
        g.domain = Objects.requireNonNull(domain);
        g.model = Objects.requireNonNull(model);
        g.decisions = decisions == null ? List.of() : decisions.stream().distinct().sorted().toList();
        g.scope = Cause.truncate(scope, 1000);
        g.source = Objects.requireNonNull(source);
        g.effectiveFrom = Objects.requireNonNull(effectiveFrom);
        g.effectiveTo = effectiveTo;
        return g;
    }

    /** The first status of a new grant: ACTIVE or PENDING. */
    public GrantHistory open(GrantStatus initial, Cause cause, Instant at) {
        if (initial != GrantStatus.ACTIVE && initial != GrantStatus.PENDING) {
            throw new IllegalArgumentException("a grant starts ACTIVE or PENDING, not " + initial);
        }
        createdAt = at;
        return change(null, initial, initial == GrantStatus.ACTIVE ? GrantAction.GRANTED : GrantAction.CREATED_PENDING,
                cause, at);
    }

    /** PENDING → ACTIVE (eligibility met, or granted manually). */
    public GrantHistory activate(Cause cause, Instant at) {
        require(GrantStatus.PENDING, GrantStatus.ACTIVE, "be granted (only a PENDING grant can)");
        return change(status, GrantStatus.ACTIVE, GrantAction.GRANTED, cause, at);
    }

    /** ACTIVE → PENDING: an EARNED grant whose ratings fell below its criteria waits to be earned again. */
    public GrantHistory fallBack(Cause cause, Instant at) {
        require(GrantStatus.ACTIVE, GrantStatus.PENDING, "fall back (only an ACTIVE grant can)");
        if (model != GrantModel.EARNED) {
            throw new InvalidTransitionException("Grant", id, status, "fall back (only an EARNED grant can)");
        }
        return change(status, GrantStatus.PENDING, GrantAction.FELL_BACK, cause, at);
    }

    /**
     * REVOKED → PENDING: an EARNED grant whose ratings fell below its criteria while a benchmark miss held it revoked;
     * the benchmark is met again, and the grant waits to be earned again instead of being reinstated.
     */
    public GrantHistory fallBackOnMet(Cause cause, Instant at) {
        require(GrantStatus.REVOKED, GrantStatus.PENDING, "fall back when its benchmark is met (only a REVOKED grant can)");
        if (model != GrantModel.EARNED) {
            throw new InvalidTransitionException("Grant", id, status, "fall back (only an EARNED grant can)");
        }
        this.autoReinstate = false;
        return change(status, GrantStatus.PENDING, GrantAction.FELL_BACK, cause, at);
    }

    /** ACTIVE → REVOKED. */
    public GrantHistory revoke(Cause cause, boolean autoReinstate, Instant at) {
        require(GrantStatus.ACTIVE, GrantStatus.REVOKED, "be revoked (only an ACTIVE grant can)");
        this.autoReinstate = autoReinstate;
        return change(status, GrantStatus.REVOKED, GrantAction.REVOKED, cause, at);
    }

    /** REVOKED → ACTIVE. */
    public GrantHistory reinstate(Cause cause, Instant at) {
        require(GrantStatus.REVOKED, GrantStatus.ACTIVE, "be reinstated (only a REVOKED grant can)");
        this.autoReinstate = false;
        return change(status, GrantStatus.ACTIVE, GrantAction.REINSTATED, cause, at);
    }

    /** Any live status → ENDED. */
    public GrantHistory end(Cause cause, Instant at) {
        if (!status.canBecome(GrantStatus.ENDED)) {
            throw new InvalidTransitionException("Grant", id, status, "end (it has already ended)");
        }
        this.successorContractId = null;
        return change(status, GrantStatus.ENDED, GrantAction.ENDED, cause, at);
    }

    /** A history entry that changes no status (amendment, renewal bookkeeping, another miss). */
    public GrantHistory note(GrantAction action, Cause cause, Instant at) {
        updatedAt = at;
        return GrantHistory.of(this, action, status, status, cause, at);
    }

    public boolean coversDecision(String code) {
        return decisions.isEmpty() || decisions.contains(code);
    }

    /** Whether this grant and a set of decisions of the same domain share a decision (empty = all). */
    public boolean overlaps(List<String> others) {
        if (decisions.isEmpty() || others == null || others.isEmpty()) {
            return true;
        }
        return others.stream().anyMatch(decisions::contains);
    }

    /** Whether the effective dates of this grant meet [from, to] (null to = open-ended). */
    public boolean overlapsDates(LocalDate from, LocalDate to) {
        boolean startsBeforeOtherEnds = to == null || !effectiveFrom.isAfter(to);
        boolean endsAfterOtherStarts = effectiveTo == null || !effectiveTo.isBefore(from);
        return startsBeforeOtherEnds && endsAfterOtherStarts;
    }

    private void require(GrantStatus from, GrantStatus to, String what) {
        if (status != from) {
            throw new InvalidTransitionException("Grant", id, status, what);
        }
    }

    private GrantHistory change(GrantStatus from, GrantStatus to, GrantAction action, Cause cause, Instant at) {
        this.status = to;
        this.statusSince = at;
        this.cause = cause.copy();
        this.updatedAt = at;
        if (to == GrantStatus.ACTIVE) {
            everActive = true;
        }
        return GrantHistory.of(this, action, from, to, cause, at);
    }
}
