package org.portfolio.performance.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Demand per school and enrollment period, from DemandReported. */
@ApplicationScoped
public class DemandStore {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    AgroalDataSource ds;

    public void upsert(UUID schoolId, UUID periodId, String schoolYear, int round, int applicants, int firstChoices,
                       int seats, Integer offers, String eventId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into demand_report (school_id, period_id, school_year, round, applicants, first_choices, seats,
                                                offers, event_id, received_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     on conflict (school_id, period_id) do update set school_year = excluded.school_year,
                        round = excluded.round, applicants = excluded.applicants, first_choices = excluded.first_choices,
                        seats = excluded.seats, offers = excluded.offers, event_id = excluded.event_id,
                        received_at = excluded.received_at""")) {
            s.setObject(1, schoolId);
            s.setObject(2, periodId);
            s.setString(3, schoolYear);
            s.setInt(4, round);
            s.setInt(5, applicants);
            s.setInt(6, firstChoices);
            s.setInt(7, seats);
            s.setObject(8, offers, java.sql.Types.INTEGER);
            s.setString(9, eventId);
            s.setTimestamp(10, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
    }

    /** Demand of a school for a year: the sums over the periods of its earliest round (the main match). */
    public record Demand(long applicants, long firstChoices, long seats) {
    }

    public Demand demand(UUID schoolId, String schoolYear) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select sum(applicants), sum(first_choices), sum(seats) from demand_report
                     where school_id = ? and school_year = ?
                       and round = (select min(round) from demand_report where school_id = ? and school_year = ?)""")) {
            s.setObject(1, schoolId);
            s.setString(2, schoolYear);
            s.setObject(3, schoolId);
            s.setString(4, schoolYear);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    return null;
                }
                return new Demand(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }
}
