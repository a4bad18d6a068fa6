package org.portfolio.testing.archfixture.tidy.service;

import org.portfolio.testing.archfixture.tidy.domain.Greeting;
import org.portfolio.testing.archfixture.tidy.events.Greeted;
import org.portfolio.testing.archfixture.tidy.repository.GreetingStore;

public class Greeter {
    private final GreetingStore store = new GreetingStore();

    public Greeted greet(String text) {
        store.save(new Greeting(text));
        return new Greeted(text);
    }
}
