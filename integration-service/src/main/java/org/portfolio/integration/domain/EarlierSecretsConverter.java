package org.portfolio.integration.domain;

import jakarta.persistence.Converter;
import org.portfolio.platform.web.persistence.CommaSeparatedConverter;

import java.time.Instant;

/**
 * Earlier secrets in one column, oldest first: {@code <expiry, epoch seconds>:<secret>}, comma-separated (a
 * {@code whsec_} secret is base64, which has no comma or colon).
 */
@Converter
public class EarlierSecretsConverter extends CommaSeparatedConverter<EarlierSecret, java.util.List<EarlierSecret>> {
    public EarlierSecretsConverter() {
        super(s -> s.expiresAt().getEpochSecond() + ":" + s.secret(),
                entry -> new EarlierSecret(entry.substring(entry.indexOf(':') + 1),
                        Instant.ofEpochSecond(Long.parseLong(entry.substring(0, entry.indexOf(':'))))),
                null, java.util.stream.Stream::toList);
    }
}
