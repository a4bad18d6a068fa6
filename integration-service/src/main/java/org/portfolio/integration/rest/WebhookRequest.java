package org.portfolio.integration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.platform.web.openapi.UniqueItems;

import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription to register. Lists, not sets: maxItems counts the items sent, copies included (read into a set,
 * copies of one value passed the bound; hostile review of the fourteenth pass).
 */
@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @Schema(description = "Where to POST the events: an http or https URL the service may reach (not loopback, private or "
                + "link-local unless the deployment allows it); redirects are not followed", examples = "https://hr.district.example/portfolio-events",
                required = true, maxLength = 2000)
        @NotBlank @Size(max = 2000) String url,
        @Schema(description = "The event types to receive; each must be one your roles may read. " + UniqueItems.NOTE, required = true, minItems = 1,
                maxItems = EventTypeName.COUNT)
        @NotEmpty @Size(max = EventTypeName.COUNT) List<@NotNull EventTypeName> eventTypes,
        @Schema(description = "Only events about these schools; absent or empty: every school you may read. " + UniqueItems.NOTE, maxItems = 1000)
        @Size(max = 1000) List<@NotNull UUID> schoolIds,
        @Schema(description = "What it is for", maxLength = 200, examples = "HR: stop hiring when PEOPLE autonomy is revoked")
        @Size(max = 200) String description) {
}
