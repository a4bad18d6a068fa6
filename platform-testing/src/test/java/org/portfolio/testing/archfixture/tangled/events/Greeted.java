package org.portfolio.testing.archfixture.tangled.events;

public record Greeted(String text) {
}
