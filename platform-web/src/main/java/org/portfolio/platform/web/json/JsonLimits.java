package org.portfolio.platform.web.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Parser limits of every JSON request body (and of every other JSON the shared ObjectMapper reads), so that memory
 * and CPU per request stay bounded whatever the body holds: numbers, field names and strings have a maximum length,
 * nesting a maximum depth, and a key that appears twice in one object is an error (which value would win is
 * ambiguous, and a body of one key repeated a million times is an attack). The problem mappers answer each with a
 * 400 problem+json that does not repeat the offending text. A service with its own parser (performance-service's
 * streamed uploads) starts from {@link #constraints()}.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    /** Characters of a number: a decimal within {@link BoundedDecimals} needs far fewer. */
    public static final int MAX_NUMBER_LENGTH = BoundedDecimals.MAX_TEXT_LENGTH;
    /** Characters of a field name (a record component, a map key). */
    public static final int MAX_NAME_LENGTH = 256;
    /** Characters of one string value. */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** Levels of nested objects and arrays. */
    public static final int MAX_NESTING_DEPTH = 64;

    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(constraints());
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    }
}
