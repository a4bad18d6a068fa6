package org.portfolio.autonomy.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * EARNED eligibility: the school's ratings of its latest {@code consecutiveYears} rated school years — with no
 * gap between them — are all at least {@code minimumTier}. The latest rated year counts, so a school whose newest
 * rating falls short is not eligible on older glory.
 *
 * <p>Falling back is the mirror image: the ratings of the latest {@code fallBackAfterYears} rated school years —
 * with no gap between them — are all <em>below</em> {@code minimumTier}. A year without a rating counts for neither
 * rule: it breaks a run of strong years and a run of weak years alike. Both rules start from the latest rated year,
 * so they can never hold at the same time.
 */
public final class EarnedEligibility {

    /** A published rating as the rule needs it. */
    public record Rating(UUID ratingId, String schoolYear, RatingTier tier) {
    }

    /** The ratings that earned the grant, or that make it fall back (latest first), and a sentence saying so. */
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

    /** Whether the ratings earn the grant: its latest {@code consecutiveYears} rated years at least the tier. */
    public static Optional<Qualified> check(RatingTier minimumTier, int consecutiveYears, List<Rating> ratings) {
        if (minimumTier == null) {
            return Optional.empty();
        }
        return latestRun(consecutiveYears, ratings, r -> r.tier().atLeast(minimumTier)).map(used -> new Qualified(used,
                "Rated " + minimumTier + " or better for " + consecutiveYears + " consecutive school year(s): "
                        + list(used)));
    }

    /**
     * Whether an earned grant falls back: its latest {@code fallBackAfterYears} rated years all below the tier,
     * with no gap. The answer names those ratings, latest first.
     */
    public static Optional<Qualified> fallsBack(RatingTier minimumTier, int fallBackAfterYears, List<Rating> ratings) {
        if (minimumTier == null) {
            return Optional.empty();
        }
        return latestRun(fallBackAfterYears, ratings, r -> !r.tier().atLeast(minimumTier)).map(used -> new Qualified(used,
                "Rated below " + minimumTier + " for " + fallBackAfterYears + " consecutive school year(s): "
                        + list(used)));
    }

    /** The fall-back rule's number of years: as set, else the same as the earning rule's (the default). */
    public static int fallBackAfterYears(Integer fallBackAfterYears, Integer consecutiveYears) {
        if (fallBackAfterYears != null && fallBackAfterYears >= 1) {
            return fallBackAfterYears;
        }
        return consecutiveYears != null && consecutiveYears >= 1 ? consecutiveYears : 1;
    }

    /** The ratings of the latest {@code years} rated school years, latest first, if there is no gap and all pass. */
    private static Optional<List<Rating>> latestRun(int years, List<Rating> ratings, Predicate<Rating> test) {
        if (years < 1 || ratings.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Integer, Rating> byYear = new TreeMap<>(Comparator.reverseOrder());
        for (Rating r : ratings) {
            if (SchoolYears.isValid(r.schoolYear()) && r.tier() != null) {
                byYear.put(SchoolYears.startYear(r.schoolYear()), r);
            }
        }
        if (byYear.isEmpty()) {
            return Optional.empty();
        }
        int latest = byYear.firstKey();
        List<Rating> used = new ArrayList<>();
        for (int i = 0; i < years; i++) {
            Rating r = byYear.get(latest - i);
            if (r == null || !test.test(r)) {
                return Optional.empty();
            }
            used.add(r);
        }
        return Optional.of(List.copyOf(used));
    }

    private static String list(List<Rating> used) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < used.size(); i++) {
            Rating r = used.get(i);
            d.append(i == 0 ? "" : ", ").append(r.schoolYear()).append(' ').append(r.tier());
        }
        return d.toString();
    }
}
