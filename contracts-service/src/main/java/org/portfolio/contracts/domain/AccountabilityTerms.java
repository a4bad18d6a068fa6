package org.portfolio.contracts.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The accountability clock a contract version sets (issue 15): per intervention level, in how many days the step is
 * due and when it is reviewed; what an overdue step does; after how many days past the end of a benchmark's school
 * year a benchmark without any value becomes MISSING_DATA; and whether MISSING_DATA and INSUFFICIENT_DATA (a
 * suppressed value) count as misses. {@link #DEFAULT} is what a contract that says nothing gets: no dates, FLAG, no
 * MISSING_DATA, nothing without a value counts — exactly the behaviour before the clock existed.
 *
 * @param interventionSteps      the levels that have dates (NONE never has); a level not listed has none
 * @param overdueStep            FLAG or ESCALATE
 * @param missingDataGraceDays   null: a benchmark without data stays NOT_YET_EVALUATED (no MISSING_DATA)
 */
public record AccountabilityTerms(List<Step> interventionSteps, OverdueAction overdueStep, Integer missingDataGraceDays,
                                  boolean missingDataCountsAsMiss, boolean insufficientDataCountsAsMiss) {

    public static final int MAX_STEP_DAYS = 730;
    public static final int MAX_GRACE_DAYS = 365;

    /** One level's dates: due {@code dueInDays} after the step began, reviewed {@code reviewInDays} after (optional). */
    public record Step(InterventionLevel level, Integer dueInDays, Integer reviewInDays) {
    }

    public static final AccountabilityTerms DEFAULT = new AccountabilityTerms(List.of(), OverdueAction.FLAG, null,
            false, false);

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public AccountabilityTerms {
        interventionSteps = interventionSteps == null ? List.of() : List.copyOf(interventionSteps);
        overdueStep = overdueStep == null ? OverdueAction.FLAG : overdueStep;
    }

    public Optional<Step> step(InterventionLevel level) {
        return interventionSteps.stream().filter(s -> s.level() == level).findFirst();
    }

    /** The due date of a step at this level that begins on {@code began}; empty when the contract sets none. */
    public Optional<LocalDate> dueDate(InterventionLevel level, LocalDate began) {
        return step(level).filter(s -> s.dueInDays() != null).map(s -> began.plusDays(s.dueInDays()));
    }

    public Optional<LocalDate> reviewDate(InterventionLevel level, LocalDate began) {
        return step(level).filter(s -> s.reviewInDays() != null).map(s -> began.plusDays(s.reviewInDays()));
    }

    public boolean tracksMissingData() {
        return missingDataGraceDays != null;
    }

    public static AccountabilityTerms parse(String json) {
        if (json == null || json.isBlank()) {
            return DEFAULT;
        }
        try {
            return JSON.readValue(json, AccountabilityTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored accountability terms are unreadable", e);
        }
    }

    /** Null for the defaults (stored as null: a contract that says nothing). */
    public String toJson() {
        if (equals(DEFAULT)) {
            return null;
        }
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
