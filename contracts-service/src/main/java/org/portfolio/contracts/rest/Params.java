package org.portfolio.contracts.rest;

import org.portfolio.platform.web.problem.ProblemException;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/** Query parameters parsed here, so that a bad value is a 400 naming the parameter (not JAX-RS's 404). */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static UUID uuid(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
    }

    static LocalDate date(String value, String name) {
        return org.portfolio.platform.web.http.DateParams.parse(value, name);
    }
}
