package org.portfolio.autonomy.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Who decides: the rules of the decision-rights check, as pure functions over a {@link SchoolRights} snapshot.
 *
 * <p>A school decides D on date T when a grant on D's domain that covers D (empty decisions = the whole domain)
 * was ACTIVE on T and T lies within its effective dates. For today and later dates the grant's current status and
 * terms count; for a past date the status and terms (domain, decisions, effective dates) it had at the end of that
 * day (from its history). When several grants
 * cover D, an allowing one wins; otherwise the most telling one explains why not: REVOKED, then PENDING, then
 * NOT_YET_EFFECTIVE, TERM_ENDED, ENDED; ties go to the latest change.
 */
public final class DecisionRightsRules {

    private final ZoneId zone;

    public DecisionRightsRules(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, zone);
    }

    public RightsAnswer answer(SchoolRights school, DecisionInfo decision, LocalDate date, Instant now) {
        if (decision.retired()) {
            return new RightsAnswer(school.schoolId(), decision, date, false, DecidedBy.DISTRICT,
                    RightsReason.DECISION_RETIRED, null, null, null, null,
                    "The district decides: " + decision.code() + " was retired from the decision catalog in version "
                            + decision.retiredInVersion() + ", so no autonomy covers it.");
        }
        boolean past = date.isBefore(today(now));
        Instant endOfDay = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<GrantSnapshot> onDomain = grantsOn(school, decision.domain(), past, endOfDay);
        Candidate best = null;
        boolean someGrantOnDomain = false;
        for (GrantSnapshot g : onDomain) {
            GrantStatus status;
            Instant since;
            CauseInfo cause;
            if (past) {
                GrantSnapshot.Step s = g.statusBefore(endOfDay);
                status = s.status();
                since = s.at();
                cause = s.cause();
            } else {
                status = g.status();
                since = g.since();
                cause = g.cause();
            }
            someGrantOnDomain = true;
            if (!g.covers(decision.code())) {
                continue;
            }
            RightsReason reason = reasonOf(g, status, date);
            Candidate c = new Candidate(g, status, since, cause, reason);
            if (best == null || c.beats(best)) {
                best = c;
            }
        }
        if (best == null) {
            RightsReason reason = someGrantOnDomain ? RightsReason.NOT_IN_GRANT : RightsReason.NO_GRANT;
            return new RightsAnswer(school.schoolId(), decision, date, false, DecidedBy.DISTRICT, reason, null, null,
                    null, null, reason == RightsReason.NO_GRANT
                    ? noGrant(decision, date, past)
                    : notInGrant(onDomain, decision));
        }
        boolean allowed = best.reason == RightsReason.GRANTED;
        return new RightsAnswer(school.schoolId(), decision, date, allowed,
                allowed ? DecidedBy.SCHOOL : DecidedBy.DISTRICT, best.reason, best.grant, best.status, best.since,
                best.cause, explain(decision, best));
    }

    /** Summary of a domain: every decision the school's, some, or none. */
    public DomainControl control(List<RightsAnswer> answersOfDomain) {
        long allowed = answersOfDomain.stream().filter(RightsAnswer::allowed).count();
        if (allowed == 0) {
            return DomainControl.DISTRICT;
        }
        return allowed == answersOfDomain.size() ? DomainControl.SCHOOL : DomainControl.PARTIAL;
    }

    private RightsReason reasonOf(GrantSnapshot g, GrantStatus status, LocalDate date) {
        return switch (status) {
            case ACTIVE -> {
                if (date.isBefore(g.effectiveFrom())) {
                    yield RightsReason.NOT_YET_EFFECTIVE;
                }
                if (g.effectiveTo() != null && date.isAfter(g.effectiveTo()) && g.successorContractId() == null) {
                    yield RightsReason.TERM_ENDED;
                }
                yield RightsReason.GRANTED;
            }
            case PENDING -> RightsReason.PENDING_ELIGIBILITY;
            case REVOKED -> RightsReason.REVOKED;
            case ENDED -> RightsReason.ENDED;
        };
    }

    private static int rank(RightsReason r) {
        return switch (r) {
            case GRANTED -> 0;
            case REVOKED -> 1;
            case PENDING_ELIGIBILITY -> 2;
            case NOT_YET_EFFECTIVE -> 3;
            case TERM_ENDED -> 4;
            case ENDED -> 5;
            default -> 6;
        };
    }

    private record Candidate(GrantSnapshot grant, GrantStatus status, Instant since, CauseInfo cause,
                             RightsReason reason) {
        boolean beats(Candidate other) {
            int a = rank(reason);
            int b = rank(other.reason);
            return a != b ? a < b : since.isAfter(other.since);
        }
    }

    // --- explanations -------------------------------------------------------------------------------------------

    private String explain(DecisionInfo d, Candidate c) {
        GrantSnapshot g = c.grant;
        String what = d.domain() + " autonomy (" + d.code() + ")";
        String on = day(c.since);
        return switch (c.reason) {
            case GRANTED -> "The school decides: " + what + " is granted (" + g.model() + ", " + source(g) + ") since "
                    + on + ", effective " + g.effectiveFrom() + (g.effectiveTo() == null ? " with no end date"
                    : " to " + g.effectiveTo()) + (g.successorContractId() != null && g.effectiveTo() != null
                    ? "; its contract was renewed and the grant carries over to contract " + g.successorContractId()
                    : "") + (restoredByCorrection(c.cause) ? "; in force again since " + on + " after a correction: "
                    + c.cause.reason() : "") + (c.cause != null && c.cause.correctionId() != null
                    ? "; reinstated on " + on + " " + because(c.cause) : "") + ".";
            case REVOKED -> "The district decides: " + what + " was revoked on " + on + " " + because(c.cause) + ".";
            case PENDING_ELIGIBILITY -> "The district decides: " + what + " is EARNED autonomy pending eligibility"
                    + (fellBack(c.cause) ? " again: it fell back on " + on + " " + because(c.cause) : "")
                    + (g.eligibilityMinimumTier() == null ? "" : (fellBack(c.cause) ? "; it" : ": it") + " needs a rating of "
                    + g.eligibilityMinimumTier() + " or better for " + g.eligibilityConsecutiveYears()
                    + " consecutive school year(s)") + ".";
            case NOT_YET_EFFECTIVE -> "The district decides: " + what + " is granted but takes effect on "
                    + g.effectiveFrom() + ".";
            case TERM_ENDED -> "The district decides: the grant of " + what + " was effective until "
                    + g.effectiveTo() + ".";
            case ENDED -> "The district decides: the grant of " + what + " ended on " + on + " " + because(c.cause)
                    + ".";
            default -> "";
        };
    }

    private String noGrant(DecisionInfo d, LocalDate date, boolean past) {
        return past
                ? "The district decides: the school had no " + d.domain() + " autonomy grant on " + date + "."
                : "The district decides: the school has never been granted " + d.domain() + " autonomy.";
    }

    /**
     * The school's grants on a domain as they stood on a date: today and later, as they are; for a past date, those
     * that existed by the end of that day, each with the terms and the status it had then (the portfolio view's
     * grant status and live grants of that date).
     */
    public List<GrantSnapshot> grantsAsOf(SchoolRights school, AutonomyDomain domain, LocalDate date, Instant now) {
        if (!date.isBefore(today(now))) {
            return school.grants(domain);
        }
        Instant endOfDay = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<GrantSnapshot> out = new ArrayList<>();
        for (GrantSnapshot g : grantsOn(school, domain, true, endOfDay)) {
            GrantSnapshot.Step then = g.statusBefore(endOfDay);
            out.add(g.withStatus(then.status(), then.at(), then.cause()));
        }
        return out;
    }

    /**
     * The grants of a domain that count on a date: today and later, every grant on the domain as it stands; for a
     * past date, the grants that existed by the end of that day, each with the terms it had then (an amendment may
     * since have changed its decisions, dates or domain).
     */
    private static List<GrantSnapshot> grantsOn(SchoolRights school, AutonomyDomain domain, boolean past,
                                                Instant endOfDay) {
        if (!past) {
            return school.grants(domain);
        }
        List<GrantSnapshot> out = new ArrayList<>();
        for (GrantSnapshot g : school.grants()) {
            if (g.statusBefore(endOfDay) == null) {
                continue; // the grant did not exist yet on that date
            }
            GrantSnapshot.Terms then = g.termsBefore(endOfDay);
            if (then.domain() == domain) {
                out.add(g.withTerms(then));
            }
        }
        return out;
    }

    private String notInGrant(List<GrantSnapshot> onDomain, DecisionInfo d) {
        StringBuilder covered = new StringBuilder();
        for (GrantSnapshot g : onDomain) {
            for (String code : g.decisions().stream().sorted().toList()) {
                if (covered.indexOf(code) < 0) {
                    covered.append(covered.length() == 0 ? "" : ", ").append(code);
                }
            }
        }
        return "The district decides: the school's " + d.domain() + " grants cover " + covered + " but not "
                + d.code() + ".";
    }

    private static String source(GrantSnapshot g) {
        return switch (g.source()) {
            case CONTRACT_PROVISION -> "provision of contract " + g.contractId();
            case APPROVED_REQUEST -> "approved request " + g.requestId();
            case MANUAL -> "granted manually";
        };
    }

    private String because(CauseInfo c) {
        if (c == null || c.kind() == null) {
            return "";
        }
        String why = becauseOf(c);
        return c.correctionId() == null || why.contains(c.correctionId().toString()) ? why
                : why + ", on corrected data (correction " + c.correctionId()
                        + (c.correctionReasonCode() == null ? "" : ": " + c.correctionReasonCode()) + ")";
    }

    private String becauseOf(CauseInfo c) {
        return switch (c.kind()) {
            // a miss with a reason had no usable value: its stored actual (a suppressed one, kept before 2026-12-06)
            // is never shown
            case BENCHMARK_MISSED -> c.reason() != null
                    ? "because benchmark " + nz(c.metricCode()) + " " + nz(c.period()) + " was missed: " + c.reason()
                    + ", which the contract counts as a miss (target " + comparator(c.comparator()) + " "
                    + num(c.target()) + "; benchmark " + c.benchmarkId() + ")"
                    : "because benchmark " + nz(c.metricCode()) + " " + nz(c.period())
                    + " was missed (target " + comparator(c.comparator()) + " " + num(c.target()) + ", actual "
                    + num(c.actual()) + "; benchmark " + c.benchmarkId() + ")";
            // not the client id: the check is public (third pass of 2026-12-05)
            case MANUAL -> "by hand: " + nz(c.reason());
            case SCHOOL_CLOSED -> "because the school closed" + (c.reason() == null ? "" : ": " + c.reason());
            case CONTRACT_ENDED -> "because contract " + c.contractId() + " ended"
                    + (c.reason() == null ? "" : ": " + c.reason());
            case CONTRACT_AMENDED -> "because an amendment of contract " + c.contractId() + " removed its provision"
                    + (c.reason() == null ? "" : ": " + c.reason());
            case TERM_ENDED -> "because its effective dates ran out";
            case RATING_FELL -> "because the school's ratings fell below its criteria ("
                    + nz(c.description()) + "; ratings "
                    + String.join(", ", c.ratingIds().stream().map(Object::toString).toList()) + ")";
            default -> c.description() == null ? "" : "(" + c.description() + ")";
        };
    }

    /** An EARNED grant that a correction of the ratings that made it fall back put in force again. */
    private static boolean restoredByCorrection(CauseInfo c) {
        return c != null && c.kind() == CauseKind.RATING_QUALIFIED && c.reason() != null;
    }

    private static boolean fellBack(CauseInfo c) {
        return c != null && c.kind() == CauseKind.RATING_FELL;
    }

    private String day(Instant at) {
        return at == null ? "?" : LocalDate.ofInstant(at, zone).toString();
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }

    private static String num(BigDecimal n) {
        return n == null ? "?" : n.stripTrailingZeros().toPlainString();
    }

    private static String comparator(String c) {
        if (c == null) {
            return "";
        }
        return switch (c) {
            case "GTE" -> "≥";
            case "GT" -> ">";
            case "LTE" -> "≤";
            case "LT" -> "<";
            case "EQ" -> "=";
            default -> c;
        };
    }
}
