package org.portfolio.testing.archfixture.tidy.rest;

import org.portfolio.testing.archfixture.tidy.service.Greeter;

public class GreetingResource {
    /** The resource's own record. */
    public record Answer(String text) {
    }

    public Answer post(String text) {
        return new Answer(new Greeter().greet(text).text());
    }
}
