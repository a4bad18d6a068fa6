package org.portfolio.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.gateway.domain.ClientScope;
import org.portfolio.platform.web.openapi.UniqueItems;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@Schema(description = "An API client to register")
public record ClientRequest(
        @Schema(examples = "Eastside SIS nightly sync") @NotBlank @Size(max = 200) String name,
        @Schema(description = "Roles of the client. " + UniqueItems.NOTE, examples = "[\"SIS\"]")
        @NotEmpty @Size(max = 5) List<@NotNull @Pattern(regexp = "DISTRICT_ADMIN|OVERSIGHT|SCHOOL_LEADER|SIS|ENROLLMENT_OFFICER",
                message = "must be one of DISTRICT_ADMIN, OVERSIGHT, SCHOOL_LEADER, SIS, ENROLLMENT_OFFICER") String> roles,
        @Schema(description = "School ids a SCHOOL_LEADER or SIS client acts for (any number up to 20,000; tokens "
                + "name the scope by reference, so their size does not grow with it); not for an OVERSIGHT-only client. "
                + UniqueItems.NOTE)
        @Size(max = 20_000) List<@NotNull UUID> schools,
        @Schema(description = "Oversight bodies: the client acts for every school each of them oversees, now and later. "
                + "An OVERSIGHT client that names some is an authorizer's: it decides and reads non-public data only "
                + "for those schools; one that names none is the district's own oversight office (every school). " + UniqueItems.NOTE)
        @Size(max = 100) List<@NotNull UUID> oversightBodies,
        @Schema(description = "Zones: the client acts for every school in each, now and later. " + UniqueItems.NOTE, examples = "[\"North\"]")
        @Size(max = 100) List<@NotNull @Size(min = 1, max = 60) @Pattern(regexp = "[^\\x00-\\x1F\\x7F]+",
                message = "must not contain control characters") String> zones,
        @Schema(description = "The client acts for every school of the district: a district-wide SIS that may only "
                + "post data (not with SCHOOL_LEADER: a network office names its oversight bodies or zones)") Boolean allSchools,
        @Schema(description = "false: the client is disabled (its tokens refused everywhere at once, as POST …/disable); "
                + "true: enabled (a disabled client's PUT must then send If-Match, else 409); absent: a new client is enabled, a changed one stays as it is") Boolean enabled) {

    /**
     * The roles, each once. The arrays are lists, not sets: the bound ({@code maxItems}) counts the items sent, as
     * declared; read into a set, 101 copies of one oversight body were one and passed {@code @Size(max = 100)} (the
     * bad-input sweep's boundary cases, fourteenth pass). The scope keeps each value once too.
     */
    public Set<String> roleSet() {
        return new java.util.LinkedHashSet<>(roles);
    }

    /** The school scope this request registers. */
    public ClientScope scope() {
        return new ClientScope(ids(schools), ids(oversightBodies),
                zones == null ? Set.of() : new java.util.LinkedHashSet<>(zones), Boolean.TRUE.equals(allSchools));
    }

    private static Set<String> ids(List<UUID> ids) {
        return ids == null ? Set.of() : ids.stream().map(UUID::toString)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
