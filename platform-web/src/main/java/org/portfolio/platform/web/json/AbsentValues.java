package org.portfolio.platform.web.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The suite's one rule for absent values (docs/api-conventions.md): a value that is absent is left out of the body,
 * never written as {@code null} — in answers, in map entries (a history entry's {@code cause}) and in events. The
 * OpenAPI and AsyncAPI documents declare such fields optional and never nullable, so a strictly typed generated
 * client reads every answer. Empty lists stay ({@code []}): an empty list is a value.
 */
@Singleton
public class AbsentValues implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    }
}
