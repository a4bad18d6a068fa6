package org.portfolio.contracts.service;

import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.BenchmarkSpec;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractRules;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.Provision;
import org.portfolio.contracts.domain.ProvisionSpec;
import org.portfolio.contracts.domain.RuleViolation;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.domain.TermSpec;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.ArrayList;
import java.util.HashSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What every stage of the contract life cycle checks, and how a version is filled from its specs. */
final class ContractChecks {

    private ContractChecks() {
    }

    /** 409 unless the contract is in the status; "Contract … is DRAFT; only an ACTIVE contract can be amended". */
    static void requireStatus(Contract c, ContractStatus required, String beWhat) {
        if (c.status != required) {
            throw ProblemException.conflict(ContractProblems.CONTRACT_STATUS_CONFLICT, "Contract " + c.id + " is " + c.status
                    + "; only a" + (required == ContractStatus.ACTIVE ? "n " : " ") + required + " contract can be " + beWhat);
        }
    }

    /**
     * The first day the contract held: the first day of its term, or the day it was activated if that is earlier (a
     * renewal, or a new school's contract, is in force from its activation, before its term begins). Nothing it decides
     * (an intervention step, its end) counts from a day before.
     */
    static LocalDate firstDay(Contract c, SchoolCalendar calendar) {
        LocalDate termStart = c.termStart().firstDay(calendar.lastDay());
        if (c.activatedAt == null) {
            return termStart;
        }
        LocalDate activated = LocalDate.ofInstant(c.activatedAt, calendar.zone());
        return activated.isBefore(termStart) ? activated : termStart;
    }

    /** A renewal starts after the renewed contract's first year and no later than the year after its last. */
    static List<RuleViolation> renewalTermViolations(Contract renewed, SchoolYear start) {
        SchoolYear oldStart = renewed.termStart();
        SchoolYear oldEnd = renewed.termEnd();
        // in calendar years: the year after a term ending in 2199-00 is no SchoolYear (it answered 500; third pass of
        // 2026-12-05), and a renewal of it can only start within it
        int latest = oldEnd.startCalendarYear() + 1;
        if (start.compareTo(oldStart) <= 0 || start.startCalendarYear() > latest) {
            return List.of(new RuleViolation("term.startYear", "a renewal of " + oldStart + " to " + oldEnd
                    + " starts after " + oldStart + " and no later than "
                    + String.format("%04d-%02d", latest, (latest + 1) % 100)));
        }
        return List.of();
    }

    static void checkFormats(TermSpec term, List<BenchmarkSpec> benchmarks) {
        List<RuleViolation> format = ContractRules.formatViolations(term, benchmarks);
        if (!format.isEmpty()) {
            throw ProblemException.invalid(format.stream().map(v -> new FieldError(v.field(), v.message())).toList());
        }
    }

    static void throwIfAny(List<RuleViolation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, violations.size() == 1
                    ? violations.get(0).field() + ": " + violations.get(0).message()
                    : violations.size() + " rules broken",
                    violations.stream().map(v -> new FieldError(v.field(), v.message())).toList(), Map.of());
        }
    }

    /** Ids sent with provisions and benchmarks must name ones of the version being replaced, each once. */
    static void checkIds(List<ProvisionSpec> ps, List<BenchmarkSpec> bs, Set<UUID> provisionIds, Set<UUID> benchmarkIds) {
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ps.size(); i++) {
            UUID pid = ps.get(i).provisionId();
            if (pid != null && (!provisionIds.contains(pid) || !seen.add(pid))) {
                errors.add(new FieldError("provisions[" + i + "].provisionId", "names no provision of the current version, "
                        + "or appears twice; leave it out to add a new provision"));
            }
        }
        seen.clear();
        for (int i = 0; i < bs.size(); i++) {
            UUID bid = bs.get(i).benchmarkId();
            if (bid != null && (!benchmarkIds.contains(bid) || !seen.add(bid))) {
                errors.add(new FieldError("benchmarks[" + i + "].benchmarkId", "names no benchmark of the current version, "
                        + "or appears twice; leave it out to add a new benchmark"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, errors.size() + " unknown id(s)", errors, Map.of());
        }
    }

    /** Adds the provisions and benchmarks to the version, keeping the ids sent (already checked) or making new ones. */
    static void fill(ContractVersion v, List<ProvisionSpec> ps, List<BenchmarkSpec> bs) {
        for (int i = 0; i < ps.size(); i++) {
            ProvisionSpec p = ps.get(i);
            v.provisions.add(Provision.of(v, p.provisionId() != null ? p.provisionId() : UUID.randomUUID(), i, p));
        }
        for (int i = 0; i < bs.size(); i++) {
            BenchmarkSpec b = bs.get(i);
            v.benchmarks.add(Benchmark.of(v, b.benchmarkId() != null ? b.benchmarkId() : UUID.randomUUID(), i, b));
        }
    }
}
