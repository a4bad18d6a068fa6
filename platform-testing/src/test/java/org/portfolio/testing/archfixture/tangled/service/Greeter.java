package org.portfolio.testing.archfixture.tangled.service;

import org.portfolio.testing.archfixture.tangled.domain.Greeting;
import org.portfolio.testing.archfixture.tangled.events.Greeted;
import org.portfolio.testing.archfixture.tangled.repository.GreetingStore;

public class Greeter {
    private final GreetingStore store = new GreetingStore();

    public Greeted greet(String text) {
        store.save(new Greeting(text));
        return new Greeted(text);
    }
}
