package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * SmallRye writes {@code uniqueItems: true} for a Java {@code Set}. Generators then type the field as a set: a
 * TypeScript client's {@code Set} is written as {@code {}} by {@code JSON.stringify}, an axios client declares a
 * {@code Set} it hands over as an array, and a school read (its {@code grades} an array) could not be sent back as
 * the request (a set) without conversion, in TypeScript and Java alike (twelfth pass, the generated TypeScript
 * client). A request's set also collapses a repeated value, so the document forbade what the service accepts. Every
 * array is an array: the descriptions of those fields say that a repeated value counts once, and answers never repeat
 * one.
 */
public final class UniqueItems {

    /** Also the words of a list that counts a value once (a request read as a list, so that maxItems counts what is sent). */
    public static final String NOTE = "A value given twice counts once; an answer lists each value once.";

    private UniqueItems() {
    }

    /** Removes every {@code uniqueItems} and says so in the array's description; how many it removed. */
    static int drop(OpenAPI api) {
        int[] dropped = {0};
        SchemaWalk.each(api, s -> {
            if (Boolean.TRUE.equals(s.getUniqueItems())) {
                s.setUniqueItems(null);
                String d = s.getDescription();
                s.setDescription(d == null || d.isBlank() ? NOTE : d.endsWith(".") ? d + " " + NOTE : d + ". " + NOTE);
                dropped[0]++;
            }
        });
        return dropped[0];
    }
}
