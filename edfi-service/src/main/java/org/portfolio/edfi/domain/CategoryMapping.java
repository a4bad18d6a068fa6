package org.portfolio.edfi.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** How the district counts one attendance event category of a descriptor namespace. */
public record CategoryMapping(String namespace, String codeValue, boolean absence, BigDecimal weight, String changedBy, Instant changedAt) {
}
