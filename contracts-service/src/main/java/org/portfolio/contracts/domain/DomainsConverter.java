package org.portfolio.contracts.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of autonomy domains as "PEOPLE,MONEY" in enum order. */
@Converter
public class DomainsConverter implements AttributeConverter<Set<AutonomyDomain>, String> {

    @Override
    public String convertToDatabaseColumn(Set<AutonomyDomain> domains) {
        return domains == null ? "" : domains.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<AutonomyDomain> convertToEntityAttribute(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.noneOf(AutonomyDomain.class);
        }
        return Arrays.stream(value.split(",")).map(AutonomyDomain::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AutonomyDomain.class)));
    }
}
