package org.portfolio.contracts.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a contract's content valid. A term makes sense when both years are school years, the first is not
 * after the last, it lasts at most {@code maxTermYears} and it is not entirely in the past. Provisions: one per
 * domain, eligibility criteria exactly for EARNED. Benchmarks: their period lies within the term, the domains
 * they guard have a provision, and no two compare the same metric and period the same way.
 */
public final class ContractRules {

    /** The limits a term is checked against. {@code lastDay} is the last day of every school year. */
    public record Limits(int maxTermYears, MonthDay lastDay, LocalDate today) {
    }

    private ContractRules() {
    }

    /** Strings that are not school years (a malformed request, 400). */
    public static List<RuleViolation> formatViolations(TermSpec term, List<BenchmarkSpec> benchmarks) {
        List<RuleViolation> out = new ArrayList<>();
        if (term != null) {
            schoolYear(term.startYear(), "term.startYear", out);
            schoolYear(term.endYear(), "term.endYear", out);
        }
        if (benchmarks != null) {
            for (int i = 0; i < benchmarks.size(); i++) {
                schoolYear(benchmarks.get(i).period(), "benchmarks[" + i + "].period", out);
            }
        }
        return out;
    }

    private static void schoolYear(String value, String field, List<RuleViolation> out) {
        if (value != null && SchoolYear.tryParse(value).isEmpty()) {
            out.add(new RuleViolation(field, "must be a school year of two consecutive years, e.g. 2026-27"));
        }
    }

    /** Term rules (a well-formed but senseless term, 422). */
    public static List<RuleViolation> termViolations(SchoolYear start, SchoolYear end, Limits limits) {
        List<RuleViolation> out = new ArrayList<>();
        if (start.compareTo(end) > 0) {
            out.add(new RuleViolation("term.endYear", "must not be before term.startYear (" + start + ")"));
            return out;
        }
        int years = start.yearsThrough(end);
        if (years > limits.maxTermYears()) {
            out.add(new RuleViolation("term.endYear", "a term lasts at most " + limits.maxTermYears()
                    + " school years; " + start + " to " + end + " is " + years));
        }
        LocalDate lastDay = end.lastDay(limits.lastDay());
        if (lastDay.isBefore(limits.today())) {
            out.add(new RuleViolation("term.endYear", "the term is entirely in the past (it ended on " + lastDay + ")"));
        }
        return out;
    }

    /** Provision and benchmark rules (422). */
    public static List<RuleViolation> contentViolations(SchoolYear start, SchoolYear end, List<ProvisionSpec> provisions,
                                                        List<BenchmarkSpec> benchmarks) {
        List<RuleViolation> out = new ArrayList<>();
        Set<AutonomyDomain> provided = EnumSet.noneOf(AutonomyDomain.class);
        for (int i = 0; i < provisions.size(); i++) {
            ProvisionSpec p = provisions.get(i);
            String at = "provisions[" + i + "]";
            if (p.domain() != null && !provided.add(p.domain())) {
                out.add(new RuleViolation(at + ".domain", "a contract has one provision per domain; " + p.domain()
                        + " appears twice"));
            }
            if (p.model() == AutonomyModel.EARNED && (p.minimumTier() == null || p.consecutiveYears() == null)) {
                out.add(new RuleViolation(at + ".eligibility",
                        "an EARNED provision needs eligibility criteria (minimumTier and consecutiveYears)"));
            }
            if (p.fallBackAfterYears() != null && (p.fallBackAfterYears() < 1 || p.fallBackAfterYears() > 10)) {
                out.add(new RuleViolation(at + ".eligibility.fallBackAfterYears", "must be between 1 and 10"));
            }
            if (p.model() != AutonomyModel.EARNED && p.hasEligibility()) {
                out.add(new RuleViolation(at + ".eligibility", "only EARNED provisions have eligibility criteria"));
            }
            if (new HashSet<>(p.decisions()).size() != p.decisions().size()) {
                out.add(new RuleViolation(at + ".decisions", "lists a decision twice"));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            BenchmarkSpec b = benchmarks.get(i);
            String at = "benchmarks[" + i + "]";
            Optional<SchoolYear> period = SchoolYear.tryParse(b.period());
            if (period.isPresent() && (period.get().compareTo(start) < 0 || period.get().compareTo(end) > 0)) {
                out.add(new RuleViolation(at + ".period", "must lie within the term " + start + " to " + end));
            }
            for (AutonomyDomain d : b.guardsDomains()) {
                if (!provided.contains(d)) {
                    out.add(new RuleViolation(at + ".guardsDomains",
                            "guards " + d + " but the contract has no " + d + " provision"));
                }
            }
            if (!seen.add(b.metricCode() + "|" + b.period() + "|" + b.comparator())) {
                out.add(new RuleViolation(at, "another benchmark already compares " + b.metricCode() + " "
                        + b.comparator() + " for " + b.period()));
            }
        }
        return out;
    }

    /**
     * Benchmarks whose comparator counts the other way as better than their metric (ninth pass, N11): GTE or GT on a
     * LOWER_IS_BETTER metric (CHRONIC_ABSENTEEISM GTE 10: the schools with more absent students would meet it and the
     * others miss it, and a miss revokes autonomy), LTE or LT on a HIGHER_IS_BETTER one. EQ points no way. A metric not
     * in {@code known} is not known yet and passes.
     */
    public static List<RuleViolation> directionViolations(List<BenchmarkSpec> benchmarks,
                                                          java.util.Map<String, MetricDirection> known) {
        List<RuleViolation> out = new ArrayList<>();
        directionConflicts(benchmarks, known).forEach((i, message) ->
                out.add(new RuleViolation("benchmarks[" + i + "].comparator", message)));
        return out;
    }

    /** As {@link #directionViolations}: the place of each such benchmark in the list, with why, in that order. */
    public static java.util.SortedMap<Integer, String> directionConflicts(List<BenchmarkSpec> benchmarks,
                                                                         java.util.Map<String, MetricDirection> known) {
        java.util.SortedMap<Integer, String> out = new java.util.TreeMap<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            BenchmarkSpec b = benchmarks.get(i);
            MetricDirection d = b.metricCode() == null ? null : known.get(b.metricCode());
            if (d == null || b.comparator() == null) {
                continue;
            }
            int better = b.comparator().betterDirection();
            if (better != 0 && better != d.sign()) {
                boolean lower = d == MetricDirection.LOWER_IS_BETTER;
                out.put(i, b.metricCode() + " is " + d + " (as performance-service defines it), but " + b.comparator()
                        + " is met by " + (lower ? "higher" : "lower") + " values: the schools doing worse would meet it"
                        + " and the better ones miss it; compare with " + (lower ? "LTE or LT" : "GTE or GT"));
            }
        }
        return out;
    }

    /**
     * The accountability clock's terms (422): each listed level once, never NONE, due and review days within
     * 1..{@value AccountabilityTerms#MAX_STEP_DAYS}, a review not after the due date, the grace period within
     * 0..{@value AccountabilityTerms#MAX_GRACE_DAYS}, and MISSING_DATA counting as a miss only when there is a grace
     * period (else there is never MISSING_DATA).
     */
    public static List<RuleViolation> accountabilityViolations(AccountabilityTerms t) {
        List<RuleViolation> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        Set<InterventionLevel> seen = EnumSet.noneOf(InterventionLevel.class);
        for (int i = 0; i < t.interventionSteps().size(); i++) {
            AccountabilityTerms.Step s = t.interventionSteps().get(i);
            String at = "accountability.interventionSteps[" + i + "]";
            if (s.level() == InterventionLevel.NONE) {
                out.add(new RuleViolation(at + ".level", "NONE is no intervention step; list NOTICE_OF_CONCERN and above"));
            } else if (s.level() != null && !seen.add(s.level())) {
                out.add(new RuleViolation(at + ".level", s.level() + " appears twice"));
            }
            if (s.dueInDays() == null && s.reviewInDays() == null) {
                out.add(new RuleViolation(at, "sets neither dueInDays nor reviewInDays"));
            }
            days(s.dueInDays(), 1, AccountabilityTerms.MAX_STEP_DAYS, at + ".dueInDays", out);
            days(s.reviewInDays(), 1, AccountabilityTerms.MAX_STEP_DAYS, at + ".reviewInDays", out);
            if (s.dueInDays() != null && s.reviewInDays() != null && s.reviewInDays() > s.dueInDays()) {
                out.add(new RuleViolation(at + ".reviewInDays", "a step is reviewed before or on its due date ("
                        + s.dueInDays() + " days)"));
            }
        }
        days(t.missingDataGraceDays(), 0, AccountabilityTerms.MAX_GRACE_DAYS, "accountability.missingDataGraceDays", out);
        if (t.missingDataCountsAsMiss() && t.missingDataGraceDays() == null) {
            out.add(new RuleViolation("accountability.missingDataCountsAsMiss",
                    "needs missingDataGraceDays: without a grace period a benchmark never becomes MISSING_DATA"));
        }
        return out;
    }

    private static void days(Integer value, int min, int max, String field, List<RuleViolation> out) {
        if (value != null && (value < min || value > max)) {
            out.add(new RuleViolation(field, "must be between " + min + " and " + max + " days"));
        }
    }
}
