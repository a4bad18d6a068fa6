package org.portfolio.performance.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.service.DemandService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

/** DemandReported from enrollment → the FAMILY_DEMAND metric of the school for the period's school year. */
@ApplicationScoped
public class DemandReportedHandler implements EventHandler {

    static final String DEMAND_REPORTED = EventTypes.of("enrollment", "DemandReported");

    /** The part of DemandReported this service reads. */
    record DemandReported(UUID periodId, String schoolYear, Integer round, UUID schoolId, Integer applicants,
                          Integer firstChoices, Integer seats, Integer offers) {
    }

    @Inject
    DemandService demand;

    @Override
    public String name() {
        return "family-demand";
    }

    @Override
    public Set<String> topics() {
        return Set.of("enrollment.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(DEMAND_REPORTED);
    }

    @Override
    public void handle(IncomingEvent event) {
        DemandReported d = event.data(DemandReported.class);
        if (d.schoolId() == null || d.periodId() == null || d.applicants() == null || d.firstChoices() == null
                || d.seats() == null) {
            throw new PoisonEventException("DemandReported without schoolId, periodId, applicants, firstChoices or seats");
        }
        if (!SchoolYear.isValid(d.schoolYear())) {
            throw new PoisonEventException("DemandReported with an invalid schoolYear: " + d.schoolYear());
        }
        if (d.applicants() < 0 || d.firstChoices() < 0 || d.seats() < 0 || d.firstChoices() > d.applicants()) {
            throw new PoisonEventException("DemandReported with impossible counts");
        }
        try {
            demand.reported(new DemandService.Report(d.periodId(), d.schoolYear(), d.round() == null ? 1 : d.round(),
                    d.schoolId(), d.applicants(), d.firstChoices(), d.seats(), d.offers()), event.id());
        } catch (SQLException e) {
            throw new IllegalStateException("could not record demand", e);
        }
    }
}
