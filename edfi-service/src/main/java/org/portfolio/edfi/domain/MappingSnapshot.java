package org.portfolio.edfi.domain;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The district's mappings as one committed state, at a version of {@code edfi_mapping_version} (V7): Ed-Fi schools →
 * our schools, the mapped attendance event categories, and the mapped descriptors per kind — what a write checks.
 */
public record MappingSnapshot(long version, Map<Long, UUID> schools, Set<Descriptor> categories,
                              Map<DescriptorKind, Set<Descriptor>> descriptors) {

    public MappingSnapshot {
        schools = Map.copyOf(schools);
        categories = Set.copyOf(categories);
        descriptors = Map.copyOf(descriptors);
    }

    /** The mapped descriptors of a kind (none: empty). */
    public Set<Descriptor> descriptors(DescriptorKind kind) {
        return descriptors.getOrDefault(kind, Set.of());
    }
}
