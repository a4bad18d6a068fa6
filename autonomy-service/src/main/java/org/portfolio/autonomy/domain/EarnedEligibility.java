package org.portfolio.autonomy.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * EARNED eligibility: the school's ratings of its latest {@code consecutiveYears} rated school years — with no
 * gap between them — are all at least {@code minimumTier}. The latest rated year counts, so a school whose newest
 * rating falls short is not eligible on older glory.
 */
public final class EarnedEligibility {

    /** A published rating as the rule needs it. */
    public record Rating(UUID ratingId, String schoolYear, RatingTier tier) {
    }

    /** The ratings that earned the grant (latest first) and a sentence saying so. */
    public record Qualified(List<Rating> ratings, String description) {
        public List<UUID> ratingIds() {
            return ratings.stream().map(Rating::ratingId).toList();
        }

        public UUID latestRatingId() {
            return ratings.get(0).ratingId();
        }
    }

    private EarnedEligibility() {
    }

    public static Optional<Qualified> check(RatingTier minimumTier, int consecutiveYears, List<Rating> ratings) {
        if (minimumTier == null || consecutiveYears < 1 || ratings.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Integer, Rating> byYear = new TreeMap<>(Comparator.reverseOrder());
        for (Rating r : ratings) {
            if (SchoolYears.isValid(r.schoolYear())) {
                byYear.put(SchoolYears.startYear(r.schoolYear()), r);
            }
        }
        if (byYear.isEmpty()) {
            return Optional.empty();
        }
        int latest = byYear.firstKey();
        List<Rating> used = new ArrayList<>();
        for (int i = 0; i < consecutiveYears; i++) {
            Rating r = byYear.get(latest - i);
            if (r == null || !r.tier().atLeast(minimumTier)) {
                return Optional.empty();
            }
            used.add(r);
        }
        StringBuilder d = new StringBuilder("Rated ").append(minimumTier).append(" or better for ")
                .append(consecutiveYears).append(" consecutive school year(s): ");
        for (int i = 0; i < used.size(); i++) {
            Rating r = used.get(i);
            d.append(i == 0 ? "" : ", ").append(r.schoolYear()).append(' ').append(r.tier());
        }
        return Optional.of(new Qualified(List.copyOf(used), d.toString()));
    }
}
