package org.portfolio.testing.archfixture.tidy.domain;

public record Greeting(String text) {
}
