package org.portfolio.contracts.domain;

/** Rating tiers of the performance framework, best first. */
public enum RatingTier { EXCEEDS, MEETS, APPROACHING, DOES_NOT_MEET }
