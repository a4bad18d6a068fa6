package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An authorizer: the board, the district office or a charter authorizer that opens, renews and closes schools. */
@Entity
@Table(name = "oversight_body")
public class OversightBody extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public OversightBodyKind kind;

    @Column(name = "contact_email", length = 254)
    public String contactEmail;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static OversightBody create(String name, OversightBodyKind kind, String contactEmail, Instant now) {
        OversightBody b = new OversightBody();
        b.id = UUID.randomUUID();
        b.name = name;
        b.kind = kind;
        b.contactEmail = contactEmail;
        b.createdAt = now;
        b.updatedAt = b.createdAt;
        return b;
    }

    public void update(String name, OversightBodyKind kind, String contactEmail, Instant now) {
        this.name = name;
        this.kind = kind;
        this.contactEmail = contactEmail;
        this.updatedAt = now;
    }
}
