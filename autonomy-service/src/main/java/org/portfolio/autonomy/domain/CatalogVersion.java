package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One version of the decision catalog: who changed what, when. Its decisions are {@link CatalogEntry} rows. */
@Entity
@Table(name = "catalog_version")
public class CatalogVersion extends PanacheEntityBase {

    @Id
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    /** SEEDED, ADDED, EDITED, RETIRED. */
    @Column(name = "change_kind", nullable = false, length = 20)
    public String changeKind;

    @Column(name = "decision_code", length = 60)
    public String decisionCode;

    @Column(nullable = false, length = 1000)
    public String summary;
}
