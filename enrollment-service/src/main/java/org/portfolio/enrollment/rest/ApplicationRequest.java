package org.portfolio.enrollment.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(description = "The ranked programs, most wanted first")
public record ApplicationRequest(@NotNull @Size(min = 1, max = 20) List<UUID> choices) {
}
