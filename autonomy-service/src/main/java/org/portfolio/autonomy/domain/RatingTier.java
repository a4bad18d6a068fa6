package org.portfolio.autonomy.domain;

/** The performance framework's rating tiers, best first. */
public enum RatingTier {
    EXCEEDS(4), MEETS(3), APPROACHING(2), DOES_NOT_MEET(1);

    private final int rank;

    RatingTier(int rank) {
        this.rank = rank;
    }

    public boolean atLeast(RatingTier minimum) {
        return rank >= minimum.rank;
    }
}
