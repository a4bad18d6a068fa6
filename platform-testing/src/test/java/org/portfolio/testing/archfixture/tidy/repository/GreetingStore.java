package org.portfolio.testing.archfixture.tidy.repository;

import org.portfolio.testing.archfixture.tidy.domain.Greeting;

public class GreetingStore {
    /** A persistence-shaped row. */
    public record Row(long id, String text) {
    }

    public Row save(Greeting g) {
        return new Row(1, g.text());
    }
}
