package org.portfolio.integration.domain;

import jakarta.persistence.Converter;
import org.portfolio.platform.web.persistence.CommaSeparatedConverter;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** School ids in one column, sorted. */
@Converter
public class UuidsConverter extends CommaSeparatedConverter<UUID, java.util.SortedSet<UUID>> {
    public UuidsConverter() {
        super(UUID::toString, UUID::fromString, Comparator.naturalOrder(), s -> s.collect(Collectors.toCollection(TreeSet::new)));
    }
}
