package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.enrollment.domain.WaitlistEntry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WaitlistRepository implements PanacheRepositoryBase<WaitlistEntry, WaitlistEntry.Key> {

    /**
     * The next applicant for a freed seat of a block: block 0 (open seats) by (priority tier, lottery); block k
     * (set-aside k-1) members of its group first, then the same order.
     */
    public Optional<WaitlistEntry> next(UUID programId, int block) {
        String order = block == 0 ? "order by priorityTier, lotteryRank"
                : "order by case when mod(reserveMask / " + (1 << (block - 1)) + ", 2) = 1 then 0 else 1 end, priorityTier, lotteryRank";
        return find("programId = ?1 and status = ?2 " + order, programId, WaitlistEntry.WAITING).firstResultOptional();
    }

    public List<WaitlistEntry> ofApplicant(UUID periodId, UUID applicantId) {
        return list("periodId = ?1 and applicantId = ?2 order by choiceRank", periodId, applicantId);
    }

    public List<WaitlistEntry> waiting(UUID programId, int page, int size) {
        return find("programId = ?1 and status = ?2 order by priorityTier, lotteryRank", programId, WaitlistEntry.WAITING)
                .page(page, size).list();
    }

    public long countWaiting(UUID programId) {
        return count("programId = ?1 and status = ?2", programId, WaitlistEntry.WAITING);
    }

    /** 1-based position on the program's list (order: priority tier, lottery). */
    public long position(WaitlistEntry e) {
        return count("programId = ?1 and status = ?2 and (priorityTier < ?3 or (priorityTier = ?3 and lotteryRank < ?4))",
                e.programId, WaitlistEntry.WAITING, e.priorityTier, e.lotteryRank) + 1;
    }

    /** Leaves the lists of programs ranked below the given rank (or all, with rank 0). */
    public int removeBelow(UUID periodId, UUID applicantId, int rank) {
        return update("status = ?1 where periodId = ?2 and applicantId = ?3 and status = ?4 and choiceRank > ?5",
                WaitlistEntry.REMOVED, periodId, applicantId, WaitlistEntry.WAITING, rank);
    }

    /** The applicant applied in a later round: off this (earlier) round's lists, until it withdraws there. */
    public int moveOn(UUID periodId, UUID applicantId) {
        return update("status = ?1 where periodId = ?2 and applicantId = ?3 and status = ?4",
                WaitlistEntry.MOVED_ON, periodId, applicantId, WaitlistEntry.WAITING);
    }

    /** The applicant withdrew its later round's application: back on the lists of this round it left for it. */
    public int comeBack(UUID periodId, UUID applicantId) {
        return update("status = ?1 where periodId = ?2 and applicantId = ?3 and status = ?4",
                WaitlistEntry.WAITING, periodId, applicantId, WaitlistEntry.MOVED_ON);
    }

    public int closeAll(UUID periodId) {
        // those who left for a later round left for good now: a withdrawal there no longer puts them back on a closed
        // list (the pass's own read, R1: in round 3 a withdrawal put a child back on round 1's closed lists, and a
        // decline there offered it a seat)
        update("status = ?1 where periodId = ?2 and status = ?3", WaitlistEntry.REMOVED, periodId, WaitlistEntry.MOVED_ON);
        return update("status = ?1 where periodId = ?2 and status = ?3", WaitlistEntry.CLOSED, periodId, WaitlistEntry.WAITING);
    }
}
