package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.enrollment.domain.LikelySameChild;
import org.portfolio.enrollment.repository.ApplicantRepository;
import org.portfolio.enrollment.repository.ApplicantRepository.Named;
import org.portfolio.enrollment.repository.PeriodRepository;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.http.Page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The applicants of a period who are likely one child entered twice (hostile read of the twenty-fifth pass, E2): the
 * enrollment office reads them before the close and withdraws the application of the record that should not be there.
 * Nothing is decided here; the match still takes every submitted application.
 */
@ApplicationScoped
public class LikelyDuplicateService {

    /** Applicants listed per group; the group's count tells how many there are. */
    public static final int LISTED_PER_GROUP = 50;

    /** Applicants sharing a birth date and names, by external reference (at most {@link #LISTED_PER_GROUP}). */
    public record Group(int count, List<Member> applicants) {
    }

    /** An applicant of a group: no names, no birth date. */
    public record Member(UUID applicantId, String externalRef, java.time.Instant submittedAt) {
    }

    @Inject
    PeriodRepository periods;
    @Inject
    ApplicantRepository applicants;

    /** Groups ordered by their first applicant's external reference; one page of them. */
    @Transactional
    public Page<Group> find(UUID periodId, int page, int size) {
        if (periods.findByIdOptional(periodId).isEmpty()) {
            throw ProblemException.notFound("Period", periodId);
        }
        // names are folded as they stream by and not kept: per applicant its key and its member (the pass's own read,
        // R7: the whole rows were held, about half a kilobyte each)
        Map<LikelySameChild, List<Member>> byChild = new HashMap<>();
        try (Stream<Named> rows = applicants.submittedIn(periodId)) {
            rows.forEach(n -> byChild.computeIfAbsent(LikelySameChild.of(n.firstName(), n.lastName(), n.birthDate()),
                    k -> new ArrayList<>(1)).add(new Member(n.applicantId(), n.externalRef(), n.submittedAt())));
        }
        Comparator<Member> byRef = Comparator.comparing(Member::externalRef);
        List<Group> groups = byChild.values().stream().filter(l -> l.size() > 1)
                .map(l -> {
                    List<Member> sorted = l.stream().sorted(byRef).toList();
                    return new Group(sorted.size(), sorted.subList(0, Math.min(LISTED_PER_GROUP, sorted.size())));
                })
                .sorted(Comparator.comparing((Group g) -> g.applicants().get(0).externalRef()))
                .toList();
        long from = Math.min((long) page * size, groups.size());
        long to = Math.min(from + size, groups.size());
        return new Page<>(groups.subList((int) from, (int) to), page, size, groups.size());
    }
}
