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

/**
 * A decision in the current catalog: which domain's grant makes it the school's to take. Every code ever
 * defined keeps its row; a retired decision is no longer part of any domain (grants name decisions by code).
 */
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

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "introduced_in_version", nullable = false)
    public int introducedInVersion;

    @Column(name = "retired_in_version")
    public Integer retiredInVersion;

    public static Decision define(String code, AutonomyDomain domain, String name, String description,
                                  int catalogVersion, Instant at) {
        Decision d = new Decision();
        d.code = code;
        d.domain = domain;
        d.name = name;
        d.description = description;
        d.createdAt = at;
        d.updatedAt = at;
        d.introducedInVersion = catalogVersion;
        return d;
    }

    public boolean isRetired() {
        return retiredInVersion != null;
    }
}
