package org.portfolio.contracts.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of grades as "PK,K,1,2" in grade order. */
@Converter
public class GradesConverter implements AttributeConverter<Set<Grade>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Grade> grades) {
        return grades == null ? "" : grades.stream().sorted().map(Grade::label).collect(Collectors.joining(","));
    }

    @Override
    public Set<Grade> convertToEntityAttribute(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.noneOf(Grade.class);
        }
        return Arrays.stream(value.split(",")).map(Grade::fromLabel)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Grade.class)));
    }
}
