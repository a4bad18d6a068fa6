package org.portfolio.platform.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code @NotBlank} for a {@code String}, meaning what the OpenAPI document publishes it as: the pattern
 * {@code ^\s*\S[\s\S]*$}, read as JSON Schema reads patterns (ECMA-262), whose {@code \s} is the characters of
 * {@link #isSpace}. Hibernate Validator's own validator trims what {@code String.trim} does (U+0000–U+0020): a name of
 * only U+001C was refused though the document takes it, and one of only no-break spaces (U+00A0), ideographic spaces
 * (U+3000) or U+FEFF was taken though the document calls it blank (outside check of the nineteenth pass). {@code null}
 * is not valid, as for the built-in one.
 */
public class NotBlankAsPublished implements ConstraintValidator<NotBlank, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value != null && value.chars().anyMatch(c -> !isSpace(c));
    }

    /** ECMA-262's WhiteSpace and LineTerminator, the characters its {@code \s} matches. */
    public static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }
}
