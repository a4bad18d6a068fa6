package org.portfolio.contracts.domain;

import jakarta.persistence.Converter;
import org.portfolio.platform.web.persistence.CommaSeparatedConverter;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of autonomy domains as "PEOPLE,MONEY" in enum order. */
@Converter
public class DomainsConverter extends CommaSeparatedConverter<AutonomyDomain, Set<AutonomyDomain>> {

    public DomainsConverter() {
        super(Enum::name, AutonomyDomain::valueOf, Comparator.naturalOrder(),
                s -> s.collect(Collectors.toCollection(() -> EnumSet.noneOf(AutonomyDomain.class))));
    }
}
