package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.OversightBody;
import org.portfolio.contracts.domain.OversightBodyKind;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "An oversight body (authorizer)", requiredProperties = {"id", "name", "kind", "version", "createdAt",
        "updatedAt"})
public record OversightBodyResponse(UUID id, String name, OversightBodyKind kind, String contactEmail, long version,
                                    Instant createdAt, Instant updatedAt) {

    static OversightBodyResponse of(OversightBody b) {
        return new OversightBodyResponse(b.id, b.name, b.kind, b.contactEmail, b.version, b.createdAt, b.updatedAt);
    }
}
