package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A performance contract as learned from ContractActivated / ContractAmended / ContractEnded. */
@Entity
@Table(name = "contract")
public class Contract extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";
    public static final String RENEWED = "RENEWED";

    @Id
    public UUID id;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    /** The latest contract version applied. */
    @Column(nullable = false)
    public int version;

    /** ACTIVE, or how it ended: EXPIRED, RENEWED, NON_RENEWED, TERMINATED. */
    @Column(nullable = false, length = 20)
    public String status;

    @Column(name = "start_year", length = 7)
    public String startYear;

    @Column(name = "end_year", length = 7)
    public String endYear;

    @Column(name = "renews_contract_id")
    public UUID renewsContractId;

    @Column(name = "renewed_by_contract_id")
    public UUID renewedByContractId;

    @Column(name = "ended_reason", columnDefinition = "text")
    public String endedReason;

    @Column(name = "ended_effective_date")
    public LocalDate endedEffectiveDate;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
