package org.portfolio.platform.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * {@code @Size} for a {@code String}, counted in characters (code points); {@code null} is valid, as for every
 * built-in constraint. A pair of surrogates is one character; an unpaired one (which the JSON reader already refuses,
 * {@code StrictStrings}) counts as one. The string is walked at most to one past the bound, so a long value costs no
 * more than its bound.
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
        long characters = characters(value, max);
        return characters >= min && characters <= max;
    }

    /** The number of characters of {@code s}, or any number over {@code max} once it is passed. */
    static long characters(String s, int max) {
        if (s.length() <= max) {
            // as many code units as the bound or fewer: exact count only needed for a minimum
            return s.codePointCount(0, s.length());
        }
        long count = 0;
        for (int i = 0; i < s.length(); count++) {
            if (count > max) {
                return count;
            }
            char c = s.charAt(i++);
            if (Character.isHighSurrogate(c) && i < s.length() && Character.isLowSurrogate(s.charAt(i))) {
                i++;
            }
        }
        return count;
    }
}
