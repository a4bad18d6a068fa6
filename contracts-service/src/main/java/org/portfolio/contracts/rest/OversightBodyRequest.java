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
        @Schema(examples = "authorizer@metro.example.org", pattern = EMAIL, maxLength = 254, description = EMAIL_RULE)
        @Pattern(regexp = EMAIL, message = EMAIL_RULE) @Size(max = 254) String contactEmail) {

    /**
     * The address the service takes, stated in the document as this very pattern (a generated client checks what the
     * service checks). Hibernate Validator's {@code @Email} and JSON Schema's {@code format: email} each accept
     * addresses the other refuses (non-ASCII local parts; a domain without a dot or an unknown top-level domain), so
     * neither is the rule (eleventh pass, F3). The pattern is flat — character classes, no repeated group, no
     * lookaround — so that every engine reads it in linear time without recursion: Java matches a repeated group
     * recursively (6 KB of {@code a.a.a.} overflowed a worker's stack, and the tests' Java JSON Schema validator's, a
     * 500; hostile read of the twelfth pass), and RE2-family engines (Go, Rust) compile no lookaround. It is looser
     * than RFC 5321's dot-atom (two dots in a row pass); {@code @Size} and the document's {@code maxLength} bound it to
     * 254 characters.
     */
    public static final String EMAIL = "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-][A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]*"
            + "@[A-Za-z0-9][A-Za-z0-9-]*\\.[A-Za-z0-9.-]*[A-Za-z0-9]$";

    public static final String EMAIL_RULE = "must be an email address of at most 254 characters: an ASCII local part (letters, "
            + "digits, !#$%&'*+/=?^_`{|}~-, and dots after the first character), @, and a domain with a dot, of letters, "
            + "digits, hyphens and dots, beginning and ending with a letter or digit (e.g. office@authorizer.example.org)";
}
