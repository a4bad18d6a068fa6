package org.portfolio.testing.archfixture.tangled.domain;

public record Greeting(String text) {
}
