package org.portfolio.platform.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Jackson's own BigDecimal deserialization (numbers, numeric strings, the coercion settings), then the bounds of
 * {@link BoundedDecimals}: a value outside them is a {@link DecimalOutOfBoundsException}, answered as a validation error that
 * names the field and states the rule without repeating the value.
 */
final class BoundedDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

    private static final NumberDeserializers.BigDecimalDeserializer JACKSON = NumberDeserializers.BigDecimalDeserializer.instance;

    BoundedDecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING) && p.getTextLength() > BoundedDecimals.MAX_TEXT_LENGTH) {
            throw new DecimalOutOfBoundsException(p);
        }
        BigDecimal v = JACKSON.deserialize(p, ctxt);
        if (v != null && !BoundedDecimals.within(v)) {
            throw new DecimalOutOfBoundsException(p);
        }
        return v;
    }

    @Override
    public Object getEmptyValue(DeserializationContext ctxt) {
        return JACKSON.getEmptyValue(ctxt);
    }
}
