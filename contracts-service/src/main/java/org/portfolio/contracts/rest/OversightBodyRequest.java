package org.portfolio.contracts.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.OversightBodyKind;

@Schema(description = "An oversight body to create or update")
public record OversightBodyRequest(
        @Schema(examples = "Metro Public Schools Board of Education") @NotBlank @Size(max = 200) String name,
        @Schema(examples = "SCHOOL_BOARD") @NotNull OversightBodyKind kind,
        @Schema(examples = "authorizer@metro.example.org", pattern = EMAIL, description = EMAIL_RULE)
        @Pattern(regexp = EMAIL, message = EMAIL_RULE) @Size(max = 254) String contactEmail) {

    /**
     * The address the service takes, stated in the document as this very pattern (a generated client checks what the
     * service checks). Hibernate Validator's {@code @Email} and JSON Schema's {@code format: email} each accept
     * addresses the other refuses (non-ASCII local parts; a domain without a dot or an unknown top-level domain), so
     * neither is the rule (eleventh pass, F3): an ASCII dot-atom local part, {@code @}, and a domain of two or more
     * labels (letters, digits, inner hyphens). The lookahead bounds the length first (254) and in both engines: Java
     * matches the repeated groups recursively, and 6 KB of {@code a.a.a.} overflowed a worker's stack (a 500; hostile
     * read of the twelfth pass). {@code (?![\s\S])} is the end of the text in Java and ECMA-262 alike ({@code $}
     * alone also matches before a final line break in Java's {@code find()}, which JSON Schema validators in Java use).
     */
    public static final String EMAIL = "^(?=[\\s\\S]{3,254}(?![\\s\\S]))"
            + "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(?![\\s\\S])$";

    public static final String EMAIL_RULE = "must be an email address: an ASCII local part (letters, digits, !#$%&'*+/=?^_`{|}~- "
            + "and inner dots), @, and a domain of two or more labels (e.g. office@authorizer.example.org)";
}
