package org.portfolio.platform.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Text in JSON bodies is text: a string holding a NUL ({@code \u0000}, which PostgreSQL cannot store and which
 * truncates C strings downstream) or an unpaired surrogate (not Unicode, unencodable as UTF-8) is refused with 400 and
 * the field's name, as it is read — instead of failing later in the database. Every other character, right-to-left
 * marks, zero-width joiners and emoji included, is kept exactly as sent.
 */
@Singleton
public class StrictStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("portfolio-strict-strings").addDeserializer(String.class, new Deserializer()));
    }

    /** True if every character is storable text. */
    public static boolean acceptable(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static final class Deserializer extends StdScalarDeserializer<String> {

        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (s != null && !acceptable(s)) {
                throw new UnacceptableTextException(p);
            }
            return s;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }
}
