package org.portfolio.integration.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Earlier secrets in one column: {@code <expiry, epoch seconds>:<secret>}, separated by spaces (a {@code whsec_}
 * secret is base64, which has neither).
 */
@Converter
public class EarlierSecretsConverter implements AttributeConverter<List<EarlierSecret>, String> {

    @Override
    public String convertToDatabaseColumn(List<EarlierSecret> secrets) {
        return secrets == null ? "" : secrets.stream()
                .map(s -> s.expiresAt().getEpochSecond() + ":" + s.secret())
                .collect(Collectors.joining(" "));
    }

    @Override
    public List<EarlierSecret> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        return Arrays.stream(column.trim().split(" +")).map(entry -> {
            int colon = entry.indexOf(':');
            return new EarlierSecret(entry.substring(colon + 1), Instant.ofEpochSecond(Long.parseLong(entry.substring(0, colon))));
        }).toList();
    }
}
