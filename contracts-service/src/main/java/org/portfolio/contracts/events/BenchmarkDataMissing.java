package org.portfolio.contracts.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Data of {@code portfolio.contracts.BenchmarkDataMissing.v1} (subject: the school id): no value of the benchmark's
 * metric came for its school year by the contract's grace period; the benchmark is MISSING_DATA. Published once per
 * benchmark and period by the accountability clock. When {@code countsAsMiss}, a BenchmarkEvaluated (MISSED,
 * dataStatus MISSING_DATA) with the same evaluationId follows, and the intervention ladder moves as for any miss.
 *
 * <p>{@code trigger} and {@code correction} are additions (eleventh pass, H5 of the tenth): a value withdrawn by a
 * correction after its due date makes the benchmark MISSING_DATA at once, and so does an activation or amendment that
 * re-evaluates it; the event says which (CLOCK for the clock's own finding) and, for a withdrawal, the correction's id
 * and reason code, as BenchmarkEvaluated does. Events published before carry neither: read them as CLOCK.
 */
public record BenchmarkDataMissing(UUID evaluationId, UUID benchmarkId, UUID contractId, UUID schoolId,
                                   String metricCode, String period, LocalDate periodEnded, int graceDays,
                                   LocalDate dueBy, boolean countsAsMiss, int contractVersion, String description,
                                   String trigger, BenchmarkEvaluated.Correction correction) {

    public static final String NAME = "BenchmarkDataMissing";
}
