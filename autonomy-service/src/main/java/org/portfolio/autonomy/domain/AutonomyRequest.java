package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A school's request for a programmatic autonomy (the RFP path): the domain and decisions it wants, its
 * justification plan, expected outcomes and duration. Every status change returns the step that records it.
 */
@Entity
@Table(name = "autonomy_request")
public class AutonomyRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public AutonomyDomain domain;

    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, length = 4000)
    public List<String> decisions = List.of();

    @Column(nullable = false, length = 200)
    public String title;

    @Column(nullable = false, length = 20000)
    public String justification;

    @Convert(converter = StringListConverter.class)
    @Column(name = "expected_outcomes", nullable = false, columnDefinition = "text")
    public List<String> expectedOutcomes = List.of();

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public RequestStatus status;

    @Column(name = "submitted_by", nullable = false, length = 200)
    public String submittedBy;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "decided_by", length = 200)
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** The reviewer's rationale (approval or denial), or the reason given for a withdrawal or cancellation. */
    @Column(length = 5000)
    public String rationale;

    @Column(name = "grant_id")
    public UUID grantId;

    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static AutonomyRequest submit(UUID schoolId, AutonomyDomain domain, List<String> decisions, String title,
                                         String justification, List<String> expectedOutcomes, LocalDate startDate,
                                         LocalDate endDate, String actor, Instant at) {
        AutonomyRequest r = new AutonomyRequest();
        r.id = UUID.randomUUID();
        r.schoolId = schoolId;
        r.domain = domain;
        r.decisions = decisions.stream().distinct().sorted().toList();
        r.title = title;
        r.justification = justification;
        r.expectedOutcomes = List.copyOf(expectedOutcomes);
        r.startDate = startDate;
        r.endDate = endDate;
        r.status = RequestStatus.SUBMITTED;
        r.submittedBy = actor;
        r.submittedAt = at;
        r.updatedAt = at;
        return r;
    }

    public RequestStep submittedStep(String actorRole) {
        return RequestStep.of(this, RequestStepKind.SUBMITTED, null, status, submittedBy, actorRole,
                "Requested " + domain + (decisions.isEmpty() ? "" : " " + String.join(", ", decisions))
                        + " from " + startDate + " to " + endDate, submittedAt);
    }

    public RequestStep startReview(String actor, String actorRole, String note, Instant at) {
        require(status == RequestStatus.SUBMITTED, "go under review (only a SUBMITTED request can)");
        return move(RequestStatus.UNDER_REVIEW, RequestStepKind.REVIEW_STARTED, actor, actorRole, note, at);
    }

    public RequestStep comment(String actor, String actorRole, String text, Instant at) {
        require(status.isOpen(), "take comments (it is closed)");
        updatedAt = at;
        return RequestStep.of(this, RequestStepKind.COMMENTED, status, status, actor, actorRole, text, at);
    }

    public RequestStep revise(List<String> decisions, String title, String justification, List<String> outcomes,
                              LocalDate startDate, LocalDate endDate, String actor, String actorRole, String note,
                              Instant at) {
        require(status.isOpen(), "be revised (it is closed)");
        this.decisions = decisions.stream().distinct().sorted().toList();
        this.title = title;
        this.justification = justification;
        this.expectedOutcomes = List.copyOf(outcomes);
        this.startDate = startDate;
        this.endDate = endDate;
        updatedAt = at;
        return RequestStep.of(this, RequestStepKind.REVISED, status, status, actor, actorRole, note, at);
    }

    public RequestStep approve(UUID grantId, String actor, String actorRole, String rationale, Instant at) {
        require(status == RequestStatus.UNDER_REVIEW, "be approved (only a request UNDER_REVIEW can)");
        this.grantId = grantId;
        return decide(RequestStatus.APPROVED, RequestStepKind.APPROVED, actor, actorRole, rationale, at);
    }

    public void requireApprovable() {
        require(status == RequestStatus.UNDER_REVIEW, "be approved (only a request UNDER_REVIEW can)");
    }

    public RequestStep deny(String actor, String actorRole, String rationale, Instant at) {
        require(status == RequestStatus.UNDER_REVIEW, "be denied (only a request UNDER_REVIEW can)");
        return decide(RequestStatus.DENIED, RequestStepKind.DENIED, actor, actorRole, rationale, at);
    }

    public RequestStep withdraw(String actor, String actorRole, String reason, Instant at) {
        require(status.isOpen(), "be withdrawn (only a SUBMITTED or UNDER_REVIEW request can)");
        return decide(RequestStatus.WITHDRAWN, RequestStepKind.WITHDRAWN, actor, actorRole, reason, at);
    }

    public RequestStep cancel(String reason, Instant at) {
        require(status.isOpen(), "be cancelled");
        return decide(RequestStatus.CANCELLED, RequestStepKind.CANCELLED, Cause.SYSTEM, null, reason, at);
    }

    private RequestStep decide(RequestStatus to, RequestStepKind kind, String actor, String actorRole, String text,
                               Instant at) {
        this.decidedBy = actor;
        this.decidedAt = at;
        this.rationale = text;
        return move(to, kind, actor, actorRole, text, at);
    }

    private RequestStep move(RequestStatus to, RequestStepKind kind, String actor, String actorRole, String text,
                             Instant at) {
        RequestStatus from = status;
        status = to;
        updatedAt = at;
        return RequestStep.of(this, kind, from, to, actor, actorRole, text, at);
    }

    private void require(boolean ok, String what) {
        if (!ok) {
            throw new InvalidTransitionException("Request", id, status, what);
        }
    }
}
