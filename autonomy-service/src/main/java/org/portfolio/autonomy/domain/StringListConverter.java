package org.portfolio.autonomy.domain;

import jakarta.persistence.Converter;
import org.portfolio.platform.web.persistence.JsonArrayConverter;

import java.util.List;
import java.util.function.Function;

/**
 * Decision codes and expected outcomes (free text, with commas) as a JSON array in one column: platform-web's
 * {@link JsonArrayConverter}, the column format these rows have always had (no migration). Not the comma-separated
 * converter of the other services: an expected outcome may contain a comma.
 */
@Converter
public class StringListConverter extends JsonArrayConverter<String, List<String>> {
    public StringListConverter() {
        super(Function.identity(), Function.identity(), null, s -> List.copyOf(s.toList()));
    }
}
