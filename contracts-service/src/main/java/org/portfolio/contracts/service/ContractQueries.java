package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.HistoryEntry;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.contracts.repository.HistoryRepository;
import org.portfolio.platform.web.http.Page;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Lists and histories for oversight bodies. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ContractQueries {

    @Inject
    ContractRepository contracts;

    @Inject
    HistoryRepository history;

    @Inject
    SchoolCalendar calendar;

    public Page<Contract> list(ContractRepository.Filter filter, int page, int size) {
        return new Page<>(contracts.list(filter, page, size), page, size, contracts.count(filter));
    }

    /**
     * "Expiring before a date": the contracts whose term's last day is before it, i.e. whose last school year is
     * at latest the one before the school year that contains the date's previous day.
     */
    public String lastTermYearEndingBefore(LocalDate date) {
        SchoolYear containing = SchoolYear.containing(date.minusDays(1), calendar.lastDay());
        return calendar.lastDayOf(containing).isBefore(date) ? containing.toString() : containing.plusYears(-1).toString();
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
