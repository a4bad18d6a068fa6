package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A decision as it stood in one catalog version (a full snapshot per version). */
@Entity
@Table(name = "catalog_entry")
public class CatalogEntry extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public AutonomyDomain domain;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 1000)
    public String description;

    public static CatalogEntry of(int version, Decision d) {
        CatalogEntry e = new CatalogEntry();
        e.key = new Key(version, d.code);
        e.domain = d.domain;
        e.name = d.name;
        e.description = d.description;
        return e;
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "catalog_version", nullable = false)
        public int catalogVersion;

        @Column(nullable = false, length = 60)
        public String code;

        public Key() {
        }

        public Key(int catalogVersion, String code) {
            this.catalogVersion = catalogVersion;
            this.code = code;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && catalogVersion == k.catalogVersion && Objects.equals(code, k.code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(catalogVersion, code);
        }
    }
}
