package org.portfolio.platform.web.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Boolean parameters accept {@code true} or {@code false} only (lower case, as JSON and the OpenAPI document write them). JAX-RS's default is
 * {@code Boolean.valueOf}, which reads {@code ?enabled=maybe} as false and answers as if asked for it; here a value
 * that is neither is refused (the problem mappers answer 400 naming the parameter), as the OpenAPI document says.
 */
@Provider
public class StrictBooleans implements ParamConverterProvider {

    private static final ParamConverter<Boolean> STRICT = converter(null);
    /** A primitive {@code boolean} (with its {@code @DefaultValue}). */
    private static final ParamConverter<Boolean> PRIMITIVE = converter(Boolean.FALSE);

    private static ParamConverter<Boolean> converter(Boolean absent) {
        return new ParamConverter<>() {
        @Override
        public Boolean fromString(String value) {
            if (value == null || value.isEmpty()) {
                return absent;
            }
            if (value.equals("true")) {
                return Boolean.TRUE;
            }
            if (value.equals("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("not a boolean: '" + value + "'");
        }

        @Override
        public String toString(Boolean value) {
            return String.valueOf(value);
        }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == boolean.class) {
            // an absent primitive reaches the method as null (not through the converter) unless it has a
            // @DefaultValue: without one, JAX-RS's own handling stays (absent is false), so give one to be strict
            boolean defaulted = annotations != null && java.util.Arrays.stream(annotations)
                    .anyMatch(a -> a.annotationType() == jakarta.ws.rs.DefaultValue.class);
            return defaulted ? (ParamConverter<T>) PRIMITIVE : null;
        }
        return rawType == Boolean.class ? (ParamConverter<T>) STRICT : null;
    }
}
