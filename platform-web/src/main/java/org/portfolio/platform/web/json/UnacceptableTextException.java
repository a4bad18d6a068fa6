package org.portfolio.platform.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string holding a NUL or a lone surrogate ({@link StrictStrings}); its message is the rule, never the value. */
public final class UnacceptableTextException extends MismatchedInputException {

    public static final String RULE = "must be text without NUL characters or unpaired surrogates";

    UnacceptableTextException(JsonParser p) {
        super(p, RULE, String.class);
    }
}
