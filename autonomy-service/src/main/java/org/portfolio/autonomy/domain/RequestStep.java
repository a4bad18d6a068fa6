package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One step of a request's review: submission, review start, comment, revision, decision, withdrawal. */
@Entity
@Table(name = "request_step")
public class RequestStep extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public RequestStepKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 20)
    public RequestStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, length = 20)
    public RequestStatus toStatus;

    @Column(nullable = false, length = 200)
    public String actor;

    @Column(name = "actor_role", length = 30)
    public String actorRole;

    @Column(length = 10000)
    public String text;

    static RequestStep of(AutonomyRequest r, RequestStepKind kind, RequestStatus from, RequestStatus to, String actor,
                          String actorRole, String text, Instant at) {
        RequestStep s = new RequestStep();
        s.requestId = r.id;
        s.at = at;
        s.kind = kind;
        s.fromStatus = from;
        s.toStatus = to;
        s.actor = actor;
        s.actorRole = actorRole;
        s.text = text;
        return s;
    }
}
