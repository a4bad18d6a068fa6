package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.autonomy.domain.AutonomyRequest;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.Contract;
import org.portfolio.autonomy.domain.EarnedEligibility;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantAction;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.School;
import org.portfolio.autonomy.domain.RatingTier;
import org.portfolio.autonomy.domain.SchoolYears;
import org.portfolio.autonomy.repository.ContractRepository;
import org.portfolio.autonomy.repository.GrantRepository;
import org.portfolio.autonomy.repository.RequestRepository;
import org.portfolio.autonomy.repository.RequestStepRepository;
import org.portfolio.autonomy.repository.SchoolRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What contracts-service's events do to grants: activation creates them (FULL_WITH_EXPECTATIONS active, EARNED
 * pending until eligible, PROGRAMMATIC nothing — that autonomy comes through an approved request), an amendment
 * reconciles them with the new provisions, an end ends them (a renewal hands them to the successor contract),
 * and a closed school ends them all. Each method holds the school's lock, so the events of one school apply one
 * at a time, also against the rating consumer and the API.
 */
@ApplicationScoped
@Transactional
public class ContractEventsService {

    private static final Logger LOG = Logger.getLogger(ContractEventsService.class);

    private enum Mode { AMENDMENT, RENEWAL }

    /** The one clock of every time this service records or publishes (a test moves it). */
    @Inject
    Clock clock;

    @Inject
    StandingMisses standingMisses;

    @Inject
    SchoolRepository schools;

    @Inject
    ContractRepository contracts;

    @Inject
    GrantRepository grants;

    @Inject
    RequestRepository requests;

    @Inject
    RequestStepRepository steps;

    @Inject
    GrantService grantService;

    @Inject
    EligibilityService eligibility;

    @Inject
    AutonomyConfig config;

    @Inject
    RightsChangeNotifier notifier;

    // --- school registry ----------------------------------------------------------------------------------------

    public void schoolRegistered(UUID schoolId, String districtCode, String name, String type, String status) {
        School s = schools.lockOrCreate(schoolId);
        s.districtCode = districtCode != null ? districtCode : s.districtCode;
        s.name = name != null ? name : s.name;
        s.type = type != null ? type : s.type;
        if (s.status == null) {
            // a registration delivered late (or again) never undoes a status decision already applied
            s.status = status;
        }
        s.updatedAt = clock.instant();
        notifier.schoolChanged(schoolId);
    }

    /** A status decision; CLOSED ends every live grant and cancels open requests. */
    public void schoolStatusChanged(UUID schoolId, String districtCode, String name, String type, String status,
                                    String reason, String eventId) {
        School s = schools.lockOrCreate(schoolId);
        Instant now = clock.instant();
        s.districtCode = districtCode != null ? districtCode : s.districtCode;
        s.name = name != null ? name : s.name;
        s.type = type != null ? type : s.type;
        s.status = status;
        s.statusReason = reason;
        s.statusChangedAt = now;
        s.updatedAt = now;
        notifier.schoolChanged(schoolId);
        if (!School.CLOSED.equals(status)) {
            return;
        }
        for (Grant g : grants.liveOfSchool(schoolId)) {
            grantService.end(g, Cause.of(CauseKind.SCHOOL_CLOSED, eventId, "The school closed").withReason(reason),
                    now);
        }
        for (AutonomyRequest r : requests.openOfSchool(schoolId)) {
            steps.persist(r.cancel("The school closed" + (reason == null ? "" : ": " + reason), now));
        }
    }

    // --- contracts ----------------------------------------------------------------------------------------------

    public void contractActivated(ContractSpec spec, String eventId) {
        School school = schools.lockOrCreate(spec.schoolId());
        Instant now = clock.instant();
        Contract c = contracts.findById(spec.contractId());
        if (c != null) {
            if (!c.isActive()) {
                LOG.infof("Activation of contract %s ignored: it already ended (%s)", c.id, c.status);
                return;
            }
            if (c.version >= spec.version()) {
                LOG.debugf("Activation of contract %s version %d already applied", c.id, spec.version());
                return;
            }
            // a newer version of a contract already active: as an amendment
            LocalDate previousFirstDay = firstDay(c);
            update(c, spec, now);
            reconcile(spec, c, grants.liveOfContract(c.id), Mode.AMENDMENT, eventId, null, previousFirstDay, now);
            return;
        }
        c = new Contract();
        c.id = spec.contractId();
        c.schoolId = spec.schoolId();
        c.status = Contract.ACTIVE;
        c.renewsContractId = spec.renewsContractId();
        update(c, spec, now);
        contracts.persist(c);

        Set<Grant> predecessor = new LinkedHashSet<>();
        if (spec.renewsContractId() != null) {
            predecessor.addAll(grants.liveOfContract(spec.renewsContractId()));
            Contract previous = contracts.findById(spec.renewsContractId());
            if (previous != null) {
                previous.renewedByContractId = c.id;
            }
        }
        predecessor.addAll(grants.liveAwaitingSuccessor(c.id));
        if (school.isClosed()) {
            LOG.warnf("Contract %s activated for closed school %s: no grants", c.id, school.id);
            return;
        }
        if (predecessor.isEmpty()) {
            for (ProvisionSpec p : spec.provisions()) {
                createFromProvision(p, c, CauseKind.CONTRACT_ACTIVATED, eventId, now);
            }
        } else {
            reconcile(spec, c, List.copyOf(predecessor), Mode.RENEWAL, eventId, null, null, now);
        }
    }

    public void contractAmended(ContractSpec spec, String reason, String eventId) {
        var school = schools.lockOrCreate(spec.schoolId());
        Contract c = contracts.findById(spec.contractId());
        if (c == null) {
            LOG.infof("Amendment of contract %s we never saw activated: applied as its activation", spec.contractId());
            contractActivated(spec, eventId);
            return;
        }
        if (!c.isActive()) {
            LOG.infof("Amendment of contract %s ignored: it already ended (%s)", c.id, c.status);
            return;
        }
        if (spec.version() <= c.version) {
            LOG.infof("Amendment of contract %s to version %d ignored: version %d already applied", c.id,
                    spec.version(), c.version);
            return;
        }
        Instant now = clock.instant();
        LocalDate previousFirstDay = firstDay(c);
        update(c, spec, now);
        if (school.isClosed()) {
            // a closed school decides nothing: an amendment of a contract that outlived its closure grants nothing
            LOG.warnf("Amendment of contract %s for closed school %s: no grants", c.id, school.id);
            return;
        }
        reconcile(spec, c, grants.liveOfContract(c.id), Mode.AMENDMENT, eventId, reason, previousFirstDay, now);
    }

    /**
     * The contract ended. EXPIRED, NON_RENEWED, TERMINATED end its live grants. RENEWED keeps them alive for the
     * successor: they wait (awaiting the successor, within the renewal grace) for its ContractActivated, which
     * takes them over; if the successor is already active, whatever it did not take over ends now.
     */
    public void contractEnded(UUID contractId, UUID schoolId, Integer version, String endedAs, String reason,
                              LocalDate effectiveDate, UUID renewedBy, String eventId) {
        schools.lockOrCreate(schoolId);
        Instant now = clock.instant();
        Contract c = contracts.findById(contractId);
        if (c == null) {
            c = new Contract();
            c.id = contractId;
            c.schoolId = schoolId;
            c.version = version == null ? 1 : version;
            c.status = endedAs;
            c.endedReason = reason;
            c.endedEffectiveDate = effectiveDate;
            c.renewedByContractId = renewedBy;
            c.updatedAt = now;
            contracts.persist(c);
            return;
        }
        if (!c.isActive()) {
            LOG.infof("End of contract %s ignored: it already ended (%s)", c.id, c.status);
            return;
        }
        c.status = endedAs;
        c.endedReason = reason;
        c.endedEffectiveDate = effectiveDate;
        c.renewedByContractId = renewedBy != null ? renewedBy : c.renewedByContractId;
        c.updatedAt = now;
        List<Grant> live = grants.liveOfContract(c.id);
        if (Contract.RENEWED.equals(endedAs) && renewedBy != null) {
            Contract successor = contracts.findById(renewedBy);
            boolean successorActive = successor != null && successor.isActive();
            for (Grant g : live) {
                if (successorActive) {
                    grantService.end(g, Cause.of(CauseKind.CONTRACT_ENDED, eventId, "Contract " + c.id
                            + " was renewed by contract " + renewedBy + ", which does not carry this grant")
                            .withContract(c.id).withReason(reason), now);
                } else {
                    g.successorContractId = renewedBy;
                    grantService.note(g, GrantAction.AWAITING_SUCCESSOR, Cause.of(CauseKind.CONTRACT_RENEWED, eventId,
                            "Contract " + c.id + " was renewed by contract " + renewedBy + "; the grant stays in force"
                                    + " until the successor's activation takes it over").withContract(c.id)
                            .withReason(reason), now);
                }
            }
            return;
        }
        for (Grant g : live) {
            grantService.end(g, Cause.of(CauseKind.CONTRACT_ENDED, eventId, "Contract " + c.id + " ended as "
                    + endedAs).withContract(c.id).withReason(reason), now);
        }
    }

    // --- provisions → grants -------------------------------------------------------------------------------------

    private void createFromProvision(ProvisionSpec p, Contract c, CauseKind kind, String eventId, Instant now) {
        if (p.model() == GrantModel.PROGRAMMATIC) {
            return; // programmatic autonomy comes through an approved request, never by itself
        }
        LocalDate from = c.startYear != null ? SchoolYears.firstDay(c.startYear, config.schoolYearStart())
                : LocalDate.ofInstant(now, config.timeZone());
        Grant g = Grant.create(grantService.idFor("event/" + eventId + "/" + p.provisionId() + "/" + p.domain() + "/" + p.model()),
                c.schoolId, p.domain(), p.model(), p.decisions(), p.scope(),
                GrantSource.CONTRACT_PROVISION, from, termEnd(c));
        g.contractId = c.id;
        g.provisionId = p.provisionId();
        if (p.model() == GrantModel.EARNED) {
            g.eligibilityMinimumTier = p.minimumTier();
            g.eligibilityConsecutiveYears = p.consecutiveYears() == null ? 1 : p.consecutiveYears();
            g.eligibilityFallBackAfterYears = EarnedEligibility.fallBackAfterYears(p.fallBackAfterYears(),
                    g.eligibilityConsecutiveYears);
        }
        Cause cause = Cause.of(kind, eventId, "Provision of contract " + c.id + " version " + c.version
                + (p.scope() == null ? "" : ": " + p.scope())).withContract(c.id);
        if (p.model() == GrantModel.FULL_WITH_EXPECTATIONS) {
            grantService.open(g, GrantStatus.ACTIVE, cause, now);
            standingMisses.holdIfRevoked(g, eventId, now);
        } else {
            grantService.open(g, GrantStatus.PENDING, cause, now);
            eligibility.tryEarn(g, eventId, now);
        }
    }

    /**
     * Matches the new provisions with existing live grants — by provision id, else by domain and model — keeps and
     * updates the matched ones (status unchanged: a revoked grant stays revoked), creates grants for new
     * provisions and ends the grants whose provision is gone.
     */
    private void reconcile(ContractSpec spec, Contract c, List<Grant> existing, Mode mode, String eventId,
                           String reason, LocalDate previousFirstDay, Instant now) {
        List<Grant> unmatched = new ArrayList<>(existing);
        List<ProvisionSpec> added = new ArrayList<>();
        List<Object[]> matched = new ArrayList<>();
        // a provision of this contract whose grant someone ended by hand stays ended through amendments that keep it
        // (review of 2026-12-05: an amendment of a benchmark target granted it again); a renewal decides anew
        Set<UUID> endedByHand = new HashSet<>();
        if (mode == Mode.AMENDMENT) {
            grants.endedByHandOfContract(c.id).forEach(g -> {
                if (g.provisionId != null) {
                    endedByHand.add(g.provisionId);
                }
            });
        }
        for (ProvisionSpec p : spec.provisions()) {
            if (p.model() == GrantModel.PROGRAMMATIC) {
                continue;
            }
            if (p.provisionId() != null && endedByHand.contains(p.provisionId())
                    && unmatched.stream().noneMatch(x -> p.provisionId().equals(x.provisionId))) {
                continue;
            }
            // by provision id, when its domain and model are still the grant's: a provision that kept its id but now
            // names another domain or model ends its grant and grants anew (third pass of 2026-12-05: the grant stayed
            // FULL on the old domain, or PENDING for good, with the provision's new decisions)
            // A REVOKED grant stays matched and revoked, taking the new shape (a revocation stands until reinstated:
            // ending it and granting anew lifted it; review of the third pass)
            Grant g = unmatched.stream().filter(x -> p.provisionId() != null && p.provisionId().equals(x.provisionId)
                            && (x.status == GrantStatus.REVOKED || (x.domain == p.domain() && x.model == p.model())))
                    .findFirst()
                    .orElse(unmatched.stream().filter(x -> x.domain == p.domain() && x.model == p.model())
                            .findFirst().orElse(null));
            if (g == null) {
                added.add(p);
            } else {
                unmatched.remove(g);
                matched.add(new Object[]{g, p});
            }
        }
        // then a REVOKED grant left over takes a new provision on its domain whatever its model: a renewal's provisions
        // have new ids, so one giving the revoked domain another model (FULL → EARNED) ended the revoked grant and
        // granted anew, lifting the revocation with no word of the miss (hostile read of the twenty-sixth pass, C3); an
        // amendment that sent the provision without its id did the same
        for (java.util.Iterator<ProvisionSpec> it = added.iterator(); it.hasNext(); ) {
            ProvisionSpec p = it.next();
            Grant revoked = unmatched.stream().filter(x -> x.status == GrantStatus.REVOKED && x.domain == p.domain())
                    .findFirst().orElse(null);
            if (revoked != null) {
                unmatched.remove(revoked);
                matched.add(new Object[]{revoked, p});
                it.remove();
            }
        }
        for (Grant g : unmatched) {
            boolean reshaped = g.provisionId != null && spec.provisions().stream().anyMatch(p -> g.provisionId.equals(p.provisionId()));
            Cause cause = mode == Mode.AMENDMENT
                    ? Cause.of(CauseKind.CONTRACT_AMENDED, eventId, "Version " + spec.version() + " of contract "
                    + c.id + (reshaped ? " gives this provision another domain or model" : " no longer has this provision"))
                    .withContract(c.id).withReason(reason)
                    : Cause.of(CauseKind.CONTRACT_ENDED, eventId, "Contract " + g.contractId + " was renewed by contract "
                    + c.id + ", which does not carry this provision").withContract(g.contractId);
            grantService.end(g, cause, now);
        }
        for (Object[] m : matched) {
            carry((Grant) m[0], (ProvisionSpec) m[1], c, mode, eventId, reason, previousFirstDay, now);
        }
        for (ProvisionSpec p : added) {
            createFromProvision(p, c, mode == Mode.AMENDMENT ? CauseKind.CONTRACT_AMENDED : CauseKind.CONTRACT_ACTIVATED,
                    eventId, now);
        }
    }

    private void carry(Grant g, ProvisionSpec p, Contract c, Mode mode, String eventId, String reason,
                       LocalDate previousFirstDay, Instant now) {
        List<String> changes = new ArrayList<>();
        UUID previousContract = g.contractId;
        if (!Objects.equals(g.contractId, c.id)) {
            changes.add("taken over by contract " + c.id + " from contract " + previousContract);
            g.contractId = c.id;
        }
        g.successorContractId = null;
        g.provisionId = p.provisionId();
        boolean nowEarned = false;
        if (g.domain != p.domain() || g.model != p.model()) {
            // only a REVOKED grant gets here (reconcile): it keeps its status and open misses, in the new shape
            changes.add("domain and model " + g.domain + "/" + g.model + " → " + p.domain() + "/" + p.model()
                    + " (still revoked)");
            nowEarned = p.model() == GrantModel.EARNED && g.model != GrantModel.EARNED;
            g.domain = p.domain();
            g.model = p.model();
            if (p.model() != GrantModel.EARNED) {
                g.eligibilityMinimumTier = null;
                g.eligibilityConsecutiveYears = null;
                g.eligibilityFallBackAfterYears = null;
            }
        }
        List<String> decisions = p.decisions() == null ? List.of() : p.decisions().stream().distinct().sorted().toList();
        if (!decisions.equals(g.decisions)) {
            changes.add("decisions " + label(g.decisions) + " → " + label(decisions));
            g.decisions = decisions;
        }
        if (!Objects.equals(p.scope(), g.scope)) {
            g.scope = p.scope();
            changes.add("scope changed");
        }
        RatingTier oldTier = g.eligibilityMinimumTier;
        Integer oldFallBack = g.eligibilityMinimumTier == null ? null : EarnedEligibility.fallBackAfterYears(
                g.eligibilityFallBackAfterYears, g.eligibilityConsecutiveYears);
        if (g.model == GrantModel.EARNED) {
            Integer years = p.consecutiveYears() == null ? Integer.valueOf(1) : p.consecutiveYears();
            Integer fallBack = EarnedEligibility.fallBackAfterYears(p.fallBackAfterYears(), years);
            if (g.eligibilityMinimumTier != p.minimumTier() || !Objects.equals(g.eligibilityConsecutiveYears, years)) {
                changes.add("eligibility " + g.eligibilityMinimumTier + "×" + g.eligibilityConsecutiveYears + " → "
                        + p.minimumTier() + "×" + years);
                g.eligibilityMinimumTier = p.minimumTier();
                g.eligibilityConsecutiveYears = years;
            }
            if (!Objects.equals(g.eligibilityFallBackAfterYears, fallBack)) {
                changes.add("falls back after " + g.eligibilityFallBackAfterYears + " → " + fallBack + " year(s) below "
                        + p.minimumTier());
                g.eligibilityFallBackAfterYears = fallBack;
            }
        }
        // an amendment that moves the term's start moves the grants the contract made from its first day with it (an
        // opening postponed a year left the school deciding hiring for a year its contract no longer covered: hostile
        // read of the twenty-sixth pass, C1); a grant taken over from the contract it renewed keeps its earlier start
        LocalDate from = firstDay(c);
        if (mode == Mode.AMENDMENT && previousFirstDay != null && from != null && previousFirstDay.equals(g.effectiveFrom)
                && !from.equals(g.effectiveFrom)) {
            changes.add("effective from " + g.effectiveFrom + " → " + from);
            g.effectiveFrom = from;
        }
        LocalDate to = termEnd(c);
        if (!Objects.equals(to, g.effectiveTo)) {
            changes.add("effective to " + g.effectiveTo + " → " + to);
            g.effectiveTo = to;
        }
        if (!changes.isEmpty()) {
            boolean renewal = mode == Mode.RENEWAL;
            grantService.note(g, renewal ? GrantAction.TRANSFERRED : GrantAction.AMENDED,
                    Cause.of(renewal ? CauseKind.CONTRACT_RENEWED : CauseKind.CONTRACT_AMENDED, eventId,
                            (renewal ? "Renewal" : "Amendment to version " + c.version) + ": " + String.join("; ", changes))
                            .withContract(c.id).withReason(reason), now);
        }
        if (nowEarned && !eligibility.qualifiesNow(g)) {
            // revoked FULL autonomy made EARNED: its ratings have not earned it, so the MET that lets the guard go leaves
            // it pending eligibility rather than in force (the pass's own read, R4: a MET made it ACTIVE EARNED unearned)
            grantService.note(g, GrantAction.FELL_BACK, Cause.of(CauseKind.RATING_FELL, eventId, "Now EARNED autonomy ("
                    + g.eligibilityMinimumTier + " or better for " + g.eligibilityConsecutiveYears + " consecutive school "
                    + "year(s)) the school's ratings have not earned; the grant is revoked, and pending eligibility once "
                    + "its missed benchmarks are met").withContract(c.id), now);
        }
        // the new criteria apply at once, both ways: a PENDING grant they qualify is earned, an ACTIVE one whose
        // ratings held fall below them (and did not fall below the old ones) falls back
        if (!eligibility.tryEarn(g, eventId, now)) {
            eligibility.tryFallBackOnNewCriteria(g, oldTier, oldFallBack, eventId, mode == Mode.RENEWAL
                    ? "contract " + c.id + ", which renewed contract " + previousContract
                    : "version " + c.version + " of contract " + c.id, now);
        }
    }

    private LocalDate firstDay(Contract c) {
        return c.startYear == null ? null : SchoolYears.firstDay(c.startYear, config.schoolYearStart());
    }

    private LocalDate termEnd(Contract c) {
        return c.endYear == null ? null : SchoolYears.lastDay(c.endYear, config.schoolYearStart());
    }

    private static void update(Contract c, ContractSpec spec, Instant now) {
        c.version = Math.max(c.version, spec.version());
        if (spec.startYear() != null) {
            c.startYear = spec.startYear();
        }
        if (spec.endYear() != null) {
            c.endYear = spec.endYear();
        }
        c.updatedAt = now;
    }

    private static String label(List<String> decisions) {
        return decisions.isEmpty() ? "[whole domain]" : decisions.toString();
    }
}
