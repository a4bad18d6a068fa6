package org.portfolio.platform.events.testapp;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.portfolio.platform.events.consumer.DatabaseProbe;

/**
 * The consumer's question "does the database answer?" as the simulated outage of {@link TroubleHandler} makes it:
 * no while {@link TroubleHandler#databaseDown} is set, else the real {@code select 1}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TroubleDatabaseProbe extends DatabaseProbe {

    @Override
    public boolean answers() {
        return !TroubleHandler.databaseDown && super.answers();
    }
}
