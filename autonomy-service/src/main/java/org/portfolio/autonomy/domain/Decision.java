package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A decision in the catalog: which domain's grant makes it the school's to take. */
@Entity
@Table(name = "decision")
public class Decision extends PanacheEntityBase {

    @Id
    @Column(length = 60)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public AutonomyDomain domain;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 1000)
    public String description;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Decision define(String code, AutonomyDomain domain, String name, String description) {
        Decision d = new Decision();
        d.code = code;
        d.domain = domain;
        d.name = name;
        d.description = description;
        d.createdAt = Instant.now();
        return d;
    }
}
