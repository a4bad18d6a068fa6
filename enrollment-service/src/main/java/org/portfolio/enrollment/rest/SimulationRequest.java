package org.portfolio.enrollment.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(description = "A what-if match: stores and publishes nothing")
public record SimulationRequest(
        @Schema(description = "Lottery seed to use (64 hex characters); a fresh random one if absent")
        @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex characters") String seed,
        @Schema(description = "Seats to use instead of the programs' own") @Size(max = 5000) List<@Valid @NotNull SeatChange> seats) {

    @Schema(description = "A program's seats in the simulation")
    public record SeatChange(@NotNull UUID programId, @NotNull @Min(0) @Max(10_000) Integer seats) {
    }
}
