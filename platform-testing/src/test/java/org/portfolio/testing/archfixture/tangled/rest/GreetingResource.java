package org.portfolio.testing.archfixture.tangled.rest;

import org.portfolio.testing.archfixture.tangled.domain.Greeting;
import org.portfolio.testing.archfixture.tangled.repository.GreetingStore;

/** Reaches past the service into the repository and answers with its row type. */
public class GreetingResource {
    public GreetingStore.Row post(String text) {
        return new GreetingStore().save(new Greeting(text));
    }
}
