package org.portfolio.autonomy.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.AutonomyRequest;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.InvalidTransitionException;
import org.portfolio.autonomy.domain.RequestStatus;
import org.portfolio.autonomy.domain.RequestStep;
import org.portfolio.autonomy.domain.School;
import org.portfolio.autonomy.repository.RequestRepository;
import org.portfolio.autonomy.repository.RequestStepRepository;
import org.portfolio.autonomy.repository.SchoolRepository;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Programmatic autonomy requests (the RFP path): a school submits what it wants and why; reviewers start the
 * review and comment; the school may revise or withdraw while it is open; oversight approves (which creates the
 * PROGRAMMATIC grant) or denies with a rationale. Every step is stored and shown to the school.
 */
@ApplicationScoped
@Transactional
public class RequestService {

    public static final ProblemType INVALID_REQUEST_TRANSITION = ProblemType.custom("invalid-request-transition",
            "The request's status does not allow this step", 409);

    public static final ProblemType TOO_MANY_STEPS = ProblemType.custom("too-many-request-steps",
            "The request has as many comments and revisions as it may", 409);

    /**
     * Comments and revisions a request takes at most: every answer about the request carries all its steps, so without
     * a bound a school leader's stream of 10,000-character comments made each answer (and the service's heap) grow
     * without end (third pass of 2026-12-05). Status steps (review, approval, denial, withdrawal) are always taken.
     */
    public static final int MAX_COMMENTS_AND_REVISIONS = 200;

    /** What a school asks for. */
    public record Proposal(AutonomyDomain domain, List<String> decisions, String title, String justification,
                           List<String> expectedOutcomes, LocalDate startDate, LocalDate endDate) {
    }

    /** A reviewer's approval; the grant may be narrower than the request (decisions, dates). */
    public record Approval(String rationale, List<String> decisions, LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    /** The one clock of every time this service records or publishes (a test moves it). */
    @Inject
    Clock clock;

    @Inject
    RequestRepository requests;

    @Inject
    RequestStepRepository steps;

    @Inject
    SchoolRepository schools;

    @Inject
    DecisionCatalogService catalog;

    @Inject
    GrantService grants;

    @Inject
    DecisionRightsService rights;

    public AutonomyRequest submit(UUID schoolId, Proposal p, String actor, String role) {
        School school = schools.lockIfExists(schoolId);
        if (school == null) {
            throw ProblemException.unprocessable("School " + schoolId + " is unknown to the autonomy service",
                    new FieldError("schoolId", "no such school"));
        }
        if (school.isClosed()) {
            throw ProblemException.conflict(GrantService.SCHOOL_CLOSED, "School " + schoolId + " is closed");
        }
        validate(p);
        AutonomyRequest r = AutonomyRequest.submit(schoolId, p.domain(), p.decisions(), p.title(), p.justification(),
                p.expectedOutcomes(), p.startDate(), p.endDate(), actor, clock.instant());
        requests.persist(r);
        steps.persist(r.submittedStep(role));
        requests.flush();
        return r;
    }

    public AutonomyRequest revise(UUID id, String ifMatch, Proposal p, String note, String actor, String role) {
        return step(id, ifMatch, r -> {
            requireRoomForAStep(r);
            if (p.domain() != r.domain) {
                throw ProblemException.unprocessable("A request's domain cannot change; withdraw it and submit a new one",
                        new FieldError("domain", "must stay " + r.domain));
            }
            validate(p);
            return r.revise(p.decisions(), p.title(), p.justification(), p.expectedOutcomes(), p.startDate(),
                    p.endDate(), actor, role, note, clock.instant());
        });
    }

    public AutonomyRequest startReview(UUID id, String ifMatch, String note, String actor, String role) {
        return step(id, ifMatch, r -> r.startReview(actor, role, note, clock.instant()));
    }

    public RequestStep comment(UUID id, String text, String actor, String role) {
        AutonomyRequest r = lock(id);
        requireRoomForAStep(r);
        try {
            RequestStep s = r.comment(actor, role, text, clock.instant());
            steps.persist(s);
            return s;
        } catch (InvalidTransitionException e) {
            throw ProblemException.conflict(INVALID_REQUEST_TRANSITION, e.getMessage());
        }
    }

    public AutonomyRequest approve(UUID id, String ifMatch, Approval a, String actor, String role) {
        return step(id, ifMatch, r -> {
            r.requireApprovable();
            if (!EntityTags.namesAVersion(ifMatch) && steps.count("requestId = ?1 and kind = ?2", r.id,
                    org.portfolio.autonomy.domain.RequestStepKind.REVISED) > 0) {
                // the school changed what it asks for since it submitted it: an approval must say which version it read
                throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Request " + r.id + " was revised after it was "
                        + "submitted: approve it with If-Match naming the version you reviewed (its ETag; not *)");
            }
            School school = schools.findById(r.schoolId);
            if (school != null && school.isClosed()) {
                throw ProblemException.conflict(GrantService.SCHOOL_CLOSED, "School " + r.schoolId + " is closed");
            }
            List<String> decisions = a.decisions() == null || a.decisions().isEmpty() ? r.decisions : a.decisions();
            for (int i = 0; i < decisions.size(); i++) {
                if (!r.decisions.isEmpty() && !r.decisions.contains(decisions.get(i))) {
                    throw ProblemException.unprocessable("An approval grants at most what was requested",
                            new FieldError("decisions[" + i + "]", decisions.get(i) + " was not requested"));
                }
            }
            catalog.requireDecisionsOf(r.domain, decisions, "decisions");
            LocalDate from = a.effectiveFrom() != null ? a.effectiveFrom() : r.startDate;
            LocalDate to = a.effectiveTo() != null ? a.effectiveTo() : r.endDate;
            if (to.isBefore(from)) {
                throw ProblemException.invalid("effectiveTo", "must not be before effectiveFrom (" + from + ")");
            }
            // a grant over before it is made was ACTIVE (AutonomyGranted published) until the grant-term job ended it
            // within the hour, as a request's own endDate in the past is refused
            LocalDate today = rights.today();
            if (a.effectiveTo() != null && a.effectiveTo().isBefore(today)) {
                throw ProblemException.invalid("effectiveTo", "must not be in the past (today is " + today + ")");
            }
            if (a.effectiveTo() == null && r.endDate.isBefore(today)) {
                // the request's period ended while it was under review: nothing left to grant as asked
                throw ProblemException.unprocessable("Request " + r.id + " asked for autonomy until " + r.endDate
                        + ", which has passed: the school can revise its dates, the approval can give a later "
                        + "effectiveTo, or the request can be denied", new FieldError("effectiveTo",
                        "absent, and the requested endDate " + r.endDate + " has passed (today is " + today + ")"));
            }
            grants.requireNoRevocationOver(r.schoolId, r.domain, decisions, from, to);
            Instant now = clock.instant();
            Grant g = Grant.create(grants.idFor("request/" + r.id), r.schoolId, r.domain, GrantModel.PROGRAMMATIC, decisions,
                    r.title, GrantSource.APPROVED_REQUEST, from, to);
            g.requestId = r.id;
            grants.open(g, GrantStatus.ACTIVE, Cause.of(CauseKind.REQUEST_APPROVED, null, "Programmatic request " + r.id
                    + " approved").withRequest(r.id).withActor(actor)
                    .withReason(a.rationale()), now);
            return r.approve(g.id, actor, role, a.rationale(), now);
        });
    }

    public AutonomyRequest deny(UUID id, String ifMatch, String rationale, String actor, String role) {
        return step(id, ifMatch, r -> r.deny(actor, role, rationale, clock.instant()));
    }

    public AutonomyRequest withdraw(UUID id, String ifMatch, String reason, String actor, String role) {
        return step(id, ifMatch, r -> r.withdraw(actor, role, reason, clock.instant()));
    }

    private void requireRoomForAStep(AutonomyRequest r) {
        long n = steps.count("requestId = ?1 and kind in ?2", r.id,
                java.util.List.of(org.portfolio.autonomy.domain.RequestStepKind.COMMENTED, org.portfolio.autonomy.domain.RequestStepKind.REVISED));
        if (n >= MAX_COMMENTS_AND_REVISIONS) {
            throw ProblemException.conflict(TOO_MANY_STEPS, "Request " + r.id + " has " + n + " comments and revisions, as many as "
                    + "a request takes (" + MAX_COMMENTS_AND_REVISIONS + "); withdraw it and submit a new one, or decide it");
        }
    }

    private AutonomyRequest step(UUID id, String ifMatch, Function<AutonomyRequest, RequestStep> change) {
        AutonomyRequest r = lock(id);
        EntityTags.checkIfMatch(ifMatch, r.version);
        try {
            steps.persist(change.apply(r));
        } catch (InvalidTransitionException e) {
            throw ProblemException.conflict(INVALID_REQUEST_TRANSITION, e.getMessage());
        }
        requests.flush();
        return r;
    }

    /** Loads a request after locking its school (one change at a time per school). */
    private AutonomyRequest lock(UUID id) {
        List<UUID> school = requests.getEntityManager()
                .createQuery("select r.schoolId from AutonomyRequest r where r.id = ?1", UUID.class)
                .setParameter(1, id).getResultList();
        if (school.isEmpty()) {
            throw ProblemException.notFound("Request", id);
        }
        schools.lockOrCreate(school.get(0));
        return requests.findById(id);
    }

    private void validate(Proposal p) {
        catalog.requireDecisionsOf(p.domain(), p.decisions(), "decisions");
        // endDate is the last day, inclusive, as a grant's effectiveTo: a one-day request is one (hostile review of
        // 2026-12-05, sixth pass, L6: it was 400, while an approval of that one day was taken)
        if (p.endDate().isBefore(p.startDate())) {
            throw ProblemException.invalid("endDate", "must not be before startDate (" + p.startDate() + ")");
        }
        if (p.endDate().isBefore(rights.today())) {
            throw ProblemException.invalid("endDate", "must not be in the past");
        }
    }

    // --- reads -------------------------------------------------------------------------------------------------

    /** The request's school, read without loading the request into the request's session (as {@code GrantService.schoolIdOf}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UUID schoolIdOf(UUID id) {
        return requests.getEntityManager().createQuery("select r.schoolId from AutonomyRequest r where r.id = :id", UUID.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Request", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AutonomyRequest get(UUID id) {
        return requests.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Request", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RequestStep> stepsOf(UUID id) {
        return steps.ofRequest(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PanacheQuery<AutonomyRequest> search(Collection<UUID> schools, RequestStatus status, AutonomyDomain domain) {
        return requests.search(schools, status, domain);
    }
}
