package org.portfolio.performance.domain;

/** Rating tiers, best first (NACSA / SPF style). */
public enum RatingTier { EXCEEDS, MEETS, APPROACHING, DOES_NOT_MEET }
