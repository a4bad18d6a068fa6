package org.portfolio.platform.web.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.math.BigDecimal;

/**
 * Numbers in JSON bodies mean what they say. A fractional number where a whole number is expected
 * ({@code "seats": 1.5}) is a client mistake answered with 400 and the field's name, not silently truncated to 1
 * (Jackson's default). A decimal is bounded in precision and scale ({@link BoundedDecimals}) as it is read, before any
 * arithmetic can make {@code 1e-20000000} expensive; the length of a number is bounded by {@link JsonLimits}.
 */
@Singleton
public class StrictNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.registerModule(new SimpleModule("portfolio-bounded-decimals")
                .addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer()));
    }
}
