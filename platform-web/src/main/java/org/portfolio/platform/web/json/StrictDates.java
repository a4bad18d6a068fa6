package org.portfolio.platform.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A date in a JSON body is a date: exactly {@code YYYY-MM-DD} (OpenAPI's {@code format: date}, RFC 3339's full-date),
 * a real day of the calendar. Jackson's own reader also takes a date-time ending in {@code Z} and keeps its UTC day,
 * an epoch-day number, an array {@code [2012, 5, 6]} and blanks around the text: a TypeScript client that wrote a
 * birth date with {@code JSON.stringify} (a JavaScript Date, local midnight, sent as the UTC instant
 * {@code 2012-05-05T22:00:00.000Z} in Berlin) had 5 May stored for 6 May, without an error (twelfth pass, the generated
 * TypeScript client). Anything else is a 400 naming the field, as a date query parameter already was.
 */
@Singleton
public class StrictDates implements ObjectMapperCustomizer {

    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Override
    public void customize(ObjectMapper mapper) {
        // a modifier, not addDeserializer: the modules Quarkus registers (JavaTimeModule among them) may come after this
        // customizer, and the last module's deserializer for a type wins; a modifier replaces whichever was found
        mapper.registerModule(new SimpleModule("portfolio-strict-dates").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == LocalDate.class ? new Deserializer() : deserializer;
            }
        }));
    }

    /** The date {@code text} writes, or null when it is not exactly a full-date of the calendar. */
    public static LocalDate parse(String text) {
        if (text == null || !FULL_DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static final class Deserializer extends StdScalarDeserializer<LocalDate> {

        Deserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText();
            LocalDate d = parse(text);
            if (d == null) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not a date (YYYY-MM-DD)");
            }
            return d;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }
}
