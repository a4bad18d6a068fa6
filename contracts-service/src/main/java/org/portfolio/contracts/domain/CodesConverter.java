package org.portfolio.contracts.domain;

import jakarta.persistence.Converter;
import org.portfolio.platform.web.persistence.CommaSeparatedConverter;

import java.util.List;
import java.util.function.Function;

/** Stores a list of codes (decision codes) as "HIRE_TEACHERS,SET_STAFFING_MODEL". */
@Converter
public class CodesConverter extends CommaSeparatedConverter<String, List<String>> {

    public CodesConverter() {
        super(Function.identity(), Function.identity(), null, s -> s.toList());
    }
}
