package org.portfolio.contracts.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.List;

/** Stores a list of codes (decision codes) as "HIRE_TEACHERS,SET_STAFFING_MODEL". */
@Converter
public class CodesConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> codes) {
        return codes == null ? "" : String.join(",", codes);
    }

    @Override
    public List<String> convertToEntityAttribute(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).toList();
    }
}
