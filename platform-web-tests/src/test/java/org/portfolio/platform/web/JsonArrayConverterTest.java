package org.portfolio.platform.web;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.persistence.JsonArrayConverter;

import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonArrayConverterTest {

    static final class Texts extends JsonArrayConverter<String, List<String>> {
        Texts() {
            super(Function.identity(), Function.identity(), null, s -> List.copyOf(s.toList()));
        }
    }

    static final class Days extends JsonArrayConverter<DayOfWeek, Set<DayOfWeek>> {
        Days() {
            super(Enum::name, DayOfWeek::valueOf, Comparator.naturalOrder(),
                    s -> s.collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class))));
        }
    }

    /** Text with commas, quotes, backslashes and non-ASCII survives, which a comma-separated column cannot hold. */
    @Test
    void freeTextRoundTripsInTheListsOrder() {
        Texts texts = new Texts();
        List<String> outcomes = List.of("Raise attendance, grade 9, to 95%", "say \"hi\" \\ bye", "élèves — 学生", "");
        String column = texts.convertToDatabaseColumn(outcomes);
        assertThat(texts.convertToEntityAttribute(column)).containsExactlyElementsOf(outcomes);
    }

    /**
     * The column is what autonomy-service's converter wrote before it became a subclass of this one (Jackson's
     * compact output of a List of strings), so its existing rows read unchanged and new rows look the same.
     */
    @Test
    void writesTheFormatExistingRowsHave() {
        Texts texts = new Texts();
        assertThat(texts.convertToDatabaseColumn(List.of("HIRE", "a, \"b\""))).isEqualTo("[\"HIRE\",\"a, \\\"b\\\"\"]");
        assertThat(texts.convertToDatabaseColumn(List.of())).isEqualTo("[]");
        assertThat(texts.convertToDatabaseColumn(null)).isEqualTo("[]");
        assertThat(texts.convertToEntityAttribute("[ \"HIRE\" , \"SET_SALARY\" ]")).containsExactly("HIRE", "SET_SALARY");
    }

    @Test
    void writesInTheGivenOrder() {
        Days days = new Days();
        String column = days.convertToDatabaseColumn(Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY));
        assertThat(column).isEqualTo("[\"MONDAY\",\"FRIDAY\"]");
        assertThat(days.convertToEntityAttribute(column)).isInstanceOf(EnumSet.class)
                .containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    @Test
    void nullAndBlankReadAsEmptyAndAnythingElseIsAnError() {
        assertThat(new Texts().convertToEntityAttribute(null)).isEmpty();
        assertThat(new Texts().convertToEntityAttribute(" ")).isEmpty();
        assertThatThrownBy(() -> new Texts().convertToEntityAttribute("HIRE,SET_SALARY"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a JSON array of strings");
    }
}
