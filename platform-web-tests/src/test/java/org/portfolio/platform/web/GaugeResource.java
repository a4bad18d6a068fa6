package org.portfolio.platform.web;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** An endpoint with decimals, free-form maps and nested lists: the shapes hostile JSON aims at. */
@Path("/gauges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GaugeResource {

    public record Reading(@NotNull BigDecimal value, String unit) {
    }

    public record NewGauge(@NotBlank String label, @NotNull BigDecimal threshold, List<@Valid Reading> readings,
                           Map<String, Object> tags) {
    }

    @POST
    @PermitAll
    public Map<String, Object> create(@Valid @NotNull NewGauge g) {
        return Map.of("label", g.label(), "threshold", g.threshold().toPlainString());
    }
}
