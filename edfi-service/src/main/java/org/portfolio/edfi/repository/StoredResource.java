package org.portfolio.edfi.repository;

import java.time.Instant;
import java.util.UUID;

/** A stored Ed-Fi resource: its id, document and version. */
public record StoredResource(UUID id, String naturalKey, Long schoolId, Integer schoolYear, String studentUniqueId,
                             String body, String etag, Instant lastModified) {
}
