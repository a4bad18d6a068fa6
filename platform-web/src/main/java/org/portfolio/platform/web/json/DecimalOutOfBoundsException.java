package org.portfolio.platform.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.math.BigDecimal;

/** A JSON decimal outside {@link BoundedDecimals}; its message is the rule, never the value. */
public final class DecimalOutOfBoundsException extends MismatchedInputException {

    DecimalOutOfBoundsException(JsonParser p) {
        super(p, BoundedDecimals.RULE, BigDecimal.class);
    }
}
