package org.portfolio.testing.archfixture.tidy.events;

public record Greeted(String text) {
}
