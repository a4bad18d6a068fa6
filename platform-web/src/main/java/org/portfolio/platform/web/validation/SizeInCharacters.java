package org.portfolio.platform.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * {@code @Size} for a {@code String}, counted in characters (code points); {@code null} is valid, as for every
 * built-in constraint. A pair of surrogates is one character; an unpaired one (which the JSON reader already refuses,
 * {@code StrictStrings}) counts as one.
 */
public class SizeInCharacters implements ConstraintValidator<Size, String> {

    private int min;
    private int max;

    @Override
    public void initialize(Size size) {
        this.min = size.min();
        this.max = size.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int characters = value.codePointCount(0, value.length());
        return characters >= min && characters <= max;
    }
}
