package org.portfolio.testing.archfixture.tidy.consumer;

import org.portfolio.testing.archfixture.tidy.service.Greeter;

public class GreetingHandler {
    public void handle(String text) {
        new Greeter().greet(text);
    }
}
