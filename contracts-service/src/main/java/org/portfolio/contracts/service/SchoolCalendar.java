package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.contracts.domain.ContractRules;
import org.portfolio.contracts.domain.SchoolYear;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;

/** Today, now and the school year, in the district's time zone and with its school-year end. */
@ApplicationScoped
public class SchoolCalendar {

    @Inject
    Clock clock;

    @Inject
    ContractsConfig config;

    /** Now, to the microsecond: what PostgreSQL keeps, so an answer built from an entity says what a later read says. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), config.timeZone());
    }

    /** The district's time zone (what day an instant falls on). */
    public java.time.ZoneId zone() {
        return config.timeZone();
    }

    public MonthDay lastDay() {
        return config.lastDay();
    }

    public SchoolYear currentSchoolYear() {
        return SchoolYear.containing(today(), lastDay());
    }

    public LocalDate lastDayOf(SchoolYear year) {
        return year.lastDay(lastDay());
    }

    public ContractRules.Limits limits() {
        return new ContractRules.Limits(config.maxTermYears(), lastDay(), today());
    }
}
