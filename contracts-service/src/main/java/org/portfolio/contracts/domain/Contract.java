package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A performance contract between a school and its oversight body. The content of each version (term, autonomy
 * provisions, benchmarks) is a {@link ContractVersion}; this row holds the lifecycle
 * (DRAFT → ACTIVE → EXPIRED | RENEWED | NON_RENEWED | TERMINATED), the intervention level and the current term.
 */
@Entity
@Table(name = "contract")
public class Contract extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "school_id", nullable = false)
    public School school;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "oversight_body_id", nullable = false)
    public OversightBody oversightBody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public ContractStatus status;

    /** The number of the current version (1 until the first amendment). */
    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(name = "term_start_year", nullable = false, length = 7)
    public String termStartYear;

    @Column(name = "term_end_year", nullable = false, length = 7)
    public String termEndYear;

    @Enumerated(EnumType.STRING)
    @Column(name = "intervention_level", nullable = false, length = 30)
    public InterventionLevel interventionLevel;

    @Column(name = "intervention_since")
    public LocalDate interventionSince;

    /** The current intervention step's due date, as the contract's terms set it when the step began (null: none). */
    @Column(name = "intervention_due_date")
    public LocalDate interventionDueDate;

    @Column(name = "intervention_review_date")
    public LocalDate interventionReviewDate;

    @Column(name = "renews_contract_id")
    public UUID renewsContractId;

    @Column(name = "renewed_by_contract_id")
    public UUID renewedByContractId;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "activated_by", length = 200)
    public String activatedBy;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_by", length = 200)
    public String endedBy;

    @Column(name = "end_reason", columnDefinition = "text")
    public String endReason;

    @Column(name = "end_effective_date")
    public LocalDate endEffectiveDate;

    /** A decided end that takes effect later (a non-renewal at term end, a termination on a future date). */
    @Enumerated(EnumType.STRING)
    @Column(name = "scheduled_end_as", length = 20)
    public ContractStatus scheduledEndAs;

    @Column(name = "scheduled_end_date")
    public LocalDate scheduledEndDate;

    @Column(name = "scheduled_end_reason", columnDefinition = "text")
    public String scheduledEndReason;

    @Column(name = "scheduled_end_by", length = 200)
    public String scheduledEndBy;

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Contract draft(School school, OversightBody body, SchoolYear start, SchoolYear end, UUID renewsContractId,
                                 String createdBy, Instant now) {
        Contract c = new Contract();
        c.id = UUID.randomUUID();
        c.school = school;
        c.oversightBody = body;
        c.status = ContractStatus.DRAFT;
        c.currentVersion = 1;
        c.termStartYear = start.toString();
        c.termEndYear = end.toString();
        c.interventionLevel = InterventionLevel.NONE;
        c.renewsContractId = renewsContractId;
        c.createdBy = createdBy;
        c.createdAt = now;
        c.updatedAt = now;
        return c;
    }

    public UUID schoolId() {
        return school.id;
    }

    public SchoolYear termStart() {
        return SchoolYear.parse(termStartYear);
    }

    public SchoolYear termEnd() {
        return SchoolYear.parse(termEndYear);
    }

    public void setTerm(SchoolYear start, SchoolYear end, Instant now) {
        termStartYear = start.toString();
        termEndYear = end.toString();
        updatedAt = now;
    }

    public void activate(String actor, Instant now) {
        status = ContractStatus.ACTIVE;
        activatedAt = now;
        activatedBy = actor;
        updatedAt = now;
    }

    /**
     * An ended term still answers for its last school years: the one it ended in and the one before (a school year's
     * results are published in the summer after it, when the contract has often just expired or been renewed). Not a
     * terminated contract: its term was cut short. Hostile review of 2026-12-05, sixth pass (H): the benchmarks of a
     * term's last year were never evaluated nor found MISSING_DATA, since their data can only come after the end.
     */
    public boolean answersLateFor(SchoolYear period, java.time.MonthDay yearEnd, SchoolYear successorStart) {
        return answersLateFor(status, endEffectiveDate, successorStart, period, yearEnd);
    }

    /**
     * The rule of {@link #answersLateFor(SchoolYear, java.time.MonthDay, SchoolYear)} on a contract's columns: after a
     * renewal, never a year the successor's term covers (it has its own benchmarks for it; the review of this rule).
     */
    public static boolean answersLateFor(ContractStatus status, LocalDate endedOn, SchoolYear successorStart,
                                         SchoolYear period, java.time.MonthDay yearEnd) {
        if (!(status == ContractStatus.EXPIRED || status == ContractStatus.NON_RENEWED || status == ContractStatus.RENEWED)
                || endedOn == null || (successorStart != null && period.compareTo(successorStart) >= 0)) {
            return false;
        }
        // an end stored before its date was bounded (C4 of the twenty-sixth pass: 1026-06-30) answers for no year, rather
        // than failing every result that reaches it
        java.util.Optional<SchoolYear> in = SchoolYear.tryContaining(endedOn, yearEnd);
        if (in.isEmpty()) {
            return false;
        }
        int endedIn = in.get().startCalendarYear();
        // in calendar years: the year before 1900-01 is no SchoolYear (the pass's own read, R11)
        return period.startCalendarYear() == endedIn || period.startCalendarYear() == endedIn - 1;
    }

    public void end(ContractStatus endedAs, String reason, String actor, LocalDate effectiveDate, Instant now) {
        if (!endedAs.isEnded()) {
            throw new IllegalArgumentException(endedAs + " is not an end");
        }
        status = endedAs;
        endReason = reason;
        endedBy = actor;
        endEffectiveDate = effectiveDate;
        endedAt = now;
        scheduledEndAs = null;
        scheduledEndDate = null;
        scheduledEndReason = null;
        scheduledEndBy = null;
        updatedAt = now;
    }

    public void scheduleEnd(ContractStatus endAs, LocalDate date, String reason, String actor, Instant now) {
        scheduledEndAs = endAs;
        scheduledEndDate = date;
        scheduledEndReason = reason;
        scheduledEndBy = actor;
        updatedAt = now;
    }

    public void changeLevel(InterventionLevel level, LocalDate effectiveDate, LocalDate dueDate, LocalDate reviewDate,
                            Instant now) {
        interventionLevel = level;
        interventionSince = level == InterventionLevel.NONE ? null : effectiveDate;
        interventionDueDate = level == InterventionLevel.NONE ? null : dueDate;
        interventionReviewDate = level == InterventionLevel.NONE ? null : reviewDate;
        updatedAt = now;
    }
}
