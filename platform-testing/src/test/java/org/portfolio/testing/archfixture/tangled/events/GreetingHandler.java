package org.portfolio.testing.archfixture.tangled.events;

import org.portfolio.testing.archfixture.tangled.service.Greeter;

/** A handler next to the payloads: events uses service, service uses events (the cycle issue 16 found). */
public class GreetingHandler {
    public void handle(String text) {
        new Greeter().greet(text);
    }
}
