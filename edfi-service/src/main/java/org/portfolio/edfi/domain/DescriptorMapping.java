package org.portfolio.edfi.domain;

import java.time.Instant;

/** What one descriptor code value of a namespace means to the suite: a level (1–5), a subject code or SCALE_SCORE/NONE. */
public record DescriptorMapping(DescriptorKind kind, String namespace, String codeValue, String value, String changedBy, Instant changedAt) {

    public Descriptor descriptor() {
        return new Descriptor(namespace, codeValue);
    }
}
