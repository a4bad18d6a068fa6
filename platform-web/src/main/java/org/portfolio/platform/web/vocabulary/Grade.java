package org.portfolio.platform.web.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;

/**
 * A grade: PK, K, 1 … 12 (written as those labels in JSON and events). Vocabulary shared by the services so that
 * every grade in every service's OpenAPI document is the one {@code Grade} schema, which the gateway's merged document
 * keeps once (components of the same name must have the same content there). contracts-service types its schools'
 * grades with it; enrollment- and performance-service keep their grades as text checked by their own patterns (the
 * same set) and name this schema in their documents ({@code @Schema(ref = Grade.SCHEMA)}); platform-web's OpenAPI
 * filter writes its definition wherever a document refers to it ({@code openapi.Vocabulary}).
 */
@Schema(name = Grade.SCHEMA, description = Grade.DESCRIPTION)
public enum Grade {
    PK("PK"), K("K"), G1("1"), G2("2"), G3("3"), G4("4"), G5("5"), G6("6"), G7("7"), G8("8"), G9("9"), G10("10"),
    G11("11"), G12("12");

    /** The schema's name in the OpenAPI documents. */
    public static final String SCHEMA = "Grade";
    /** The schema's description, the same in every document. */
    public static final String DESCRIPTION = "A grade: PK (pre-kindergarten), K (kindergarten), 1 … 12";

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Grade fromLabel(String label) {
        return Arrays.stream(values()).filter(g -> g.label.equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown grade " + label + "; use PK, K, 1 … 12"));
    }
}
