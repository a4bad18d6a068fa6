package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.HistoryEntry;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.SchoolType;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.contracts.repository.ContractVersionRepository;
import org.portfolio.contracts.repository.HistoryRepository;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading contracts: one contract and its versions, lists and histories. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ContractQueries {

    @Inject
    ContractRepository contracts;

    @Inject
    ContractVersionRepository versions;

    @Inject
    HistoryRepository history;

    @Inject
    SchoolCalendar calendar;

    @Inject
    org.portfolio.contracts.repository.SchoolRepository schoolRows;

    public Contract get(UUID id) {
        return contracts.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Contract", id));
    }

    /**
     * The contract's school, read without loading the contract: a scope check before a change must not leave the
     * contract in the request's session, from which the answer read after the change would come as it was before it
     * (nineteenth pass: an authorizer's activation was answered DRAFT, with the old ETag).
     */
    public UUID schoolIdOf(UUID id) {
        return contracts.getEntityManager()
                .createQuery("select c.school.id from Contract c where c.id = :id", UUID.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Contract", id));
    }

    /**
     * The contract to change, locked: its school's row first (as a status decision and an incoming value take it),
     * then its own, read again as it is now. Every change of a contract through the API takes it before it checks
     * If-Match and status, so two changes of one contract happen one after the other and the later one is told
     * what the earlier did: 412 for the ETag it read before, 409 for a status no longer right, 404 for a draft
     * discarded. Before (twentieth pass, an outside check of races), a draft discarded while it was activated or
     * edited answered those 500, and the loser of two changes sent with the same ETag a 409 where the document says
     * 412.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Contract lockedForChange(UUID id) {
        Contract c = get(id);
        schoolRows.lock(c.school.id).orElseThrow();
        try {
            contracts.getEntityManager().refresh(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            return c;
        } catch (jakarta.persistence.EntityNotFoundException e) {
            throw ProblemException.notFound("Contract", id);
        }
    }

    public ContractVersion current(Contract c) {
        return versions.find(c.id, c.currentVersion).orElseThrow();
    }

    public ContractVersion version(UUID contractId, int number) {
        get(contractId);
        return versions.find(contractId, number).orElseThrow(() -> ProblemException.notFound("Version", number
                + " of contract " + contractId));
    }

    public Page<ContractVersion> versions(UUID contractId, int page, int size) {
        get(contractId);
        var q = versions.queryFor(contractId);
        return new Page<>(q.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size, q.count());
    }

    /**
     * The filters of the contract list; null means "any". {@code schoolIn} limits the list to those schools (a
     * school-scoped caller's); {@code expiringBefore}: the term's last day is before that date.
     */
    public record Filter(ContractStatus status, UUID oversightBodyId, UUID schoolId, Collection<UUID> schoolIn,
                         InterventionLevel interventionAtLeast, LocalDate expiringBefore, SchoolType schoolType) {
    }

    public Page<Contract> list(Filter f, int page, int size) {
        var filter = new ContractRepository.Filter(f.status(), f.oversightBodyId(), f.schoolId(), f.schoolIn(),
                f.interventionAtLeast(), f.expiringBefore() == null ? null : lastTermYearEndingBefore(f.expiringBefore()),
                f.schoolType());
        return new Page<>(contracts.list(filter, page, size), page, size, contracts.count(filter));
    }

    /**
     * "Expiring before a date": the contracts whose term's last day is before it, i.e. whose last school year is
     * at latest the one before the school year that contains the date's previous day.
     */
    String lastTermYearEndingBefore(LocalDate date) {
        // in calendar years, not SchoolYear: a date in the first half of 1900 falls in 1899-00, which is none (it
        // answered 500; third pass of 2026-12-05); the text compares below every stored term
        LocalDate dayBefore = date.minusDays(1);
        int containing = dayBefore.isAfter(calendar.lastDay().atYear(dayBefore.getYear())) ? dayBefore.getYear() : dayBefore.getYear() - 1;
        int last = calendar.lastDay().atYear(containing + 1).isBefore(date) ? containing : containing - 1;
        return String.format("%04d-%02d", last, (last + 1) % 100);
    }

    public Optional<Contract> activeFor(UUID schoolId) {
        return contracts.findActiveBySchool(schoolId);
    }

    public Page<HistoryEntry> schoolHistory(UUID schoolId, int page, int size) {
        var q = history.forSchool(schoolId);
        return new Page<>(q.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size, q.count());
    }

    public Page<HistoryEntry> contractHistory(UUID contractId, int page, int size) {
        var q = history.forContract(contractId);
        return new Page<>(q.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size, q.count());
    }
}
