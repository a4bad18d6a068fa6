package org.portfolio.contracts.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Grades a school serves: PK, K, 1 … 12 (written as those labels in JSON and events). */
public enum Grade {
    PK("PK"), K("K"), G1("1"), G2("2"), G3("3"), G4("4"), G5("5"), G6("6"), G7("7"), G8("8"), G9("9"), G10("10"),
    G11("11"), G12("12");

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
