package org.portfolio.platform.web;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.persistence.CommaSeparatedConverter;

import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CommaSeparatedConverterTest {

    static final class Days extends CommaSeparatedConverter<DayOfWeek, Set<DayOfWeek>> {
        Days() {
            super(Enum::name, DayOfWeek::valueOf, Comparator.naturalOrder(),
                    s -> s.collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class))));
        }
    }

    static final class Codes extends CommaSeparatedConverter<String, List<String>> {
        Codes() {
            super(Function.identity(), Function.identity(), null, s -> s.toList());
        }
    }

    @Test
    void writesInTheGivenOrderAndReadsBack() {
        Days days = new Days();
        String column = days.convertToDatabaseColumn(Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY));
        assertThat(column).isEqualTo("MONDAY,FRIDAY");
        assertThat(days.convertToEntityAttribute(column)).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    @Test
    void keepsTheListsOrderWithoutOne() {
        Codes codes = new Codes();
        assertThat(codes.convertToDatabaseColumn(List.of("B", "A"))).isEqualTo("B,A");
        assertThat(codes.convertToEntityAttribute("B,A")).containsExactly("B", "A");
    }

    @Test
    void nullAndEmptyAreEmpty() {
        assertThat(new Codes().convertToDatabaseColumn(null)).isEmpty();
        assertThat(new Codes().convertToEntityAttribute(null)).isEmpty();
        Set<DayOfWeek> none = new Days().convertToEntityAttribute(" ");
        assertThat(none).isInstanceOf(EnumSet.class);
        assertThat(none).isEmpty();
    }
}
