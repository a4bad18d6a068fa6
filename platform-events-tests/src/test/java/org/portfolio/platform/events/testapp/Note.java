package org.portfolio.platform.events.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.util.UUID;

@Entity
public class Note {
    @Id
    public UUID id;
    public String text;
    @Version
    public long version;
}
