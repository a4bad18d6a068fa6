package org.portfolio.integration.domain;

import jakarta.persistence.Converter;
import org.portfolio.platform.web.persistence.CommaSeparatedConverter;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Roles and event types in one column, sorted. */
@Converter
public class StringsConverter extends CommaSeparatedConverter<String, java.util.SortedSet<String>> {
    public StringsConverter() {
        super(s -> s, s -> s, Comparator.naturalOrder(), s -> s.collect(Collectors.toCollection(TreeSet::new)));
    }
}
