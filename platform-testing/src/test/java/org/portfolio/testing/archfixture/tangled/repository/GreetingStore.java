package org.portfolio.testing.archfixture.tangled.repository;

import org.portfolio.testing.archfixture.tangled.domain.Greeting;

public class GreetingStore {
    /** A persistence-shaped row. */
    public record Row(long id, String text) {
    }

    public Row save(Greeting g) {
        return new Row(1, g.text());
    }
}
