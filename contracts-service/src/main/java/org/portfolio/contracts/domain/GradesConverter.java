package org.portfolio.contracts.domain;

import jakarta.persistence.Converter;
import org.portfolio.platform.web.persistence.CommaSeparatedConverter;
import org.portfolio.platform.web.vocabulary.Grade;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of grades as "PK,K,1,2" in grade order. */
@Converter
public class GradesConverter extends CommaSeparatedConverter<Grade, Set<Grade>> {

    public GradesConverter() {
        super(Grade::label, Grade::fromLabel, Comparator.naturalOrder(),
                s -> s.collect(Collectors.toCollection(() -> EnumSet.noneOf(Grade.class))));
    }
}
