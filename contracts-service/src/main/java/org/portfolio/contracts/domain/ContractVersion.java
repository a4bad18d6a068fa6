package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One version of a contract's content. Version 1 is edited in place while the contract is a DRAFT; from
 * activation on it is frozen and every amendment adds the next version, keeping the old ones readable.
 */
@Entity
@Table(name = "contract_version")
public class ContractVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contract_id", nullable = false)
    public Contract contract;

    @Column(nullable = false)
    public int number;

    @Column(name = "term_start_year", nullable = false, length = 7)
    public String termStartYear;

    @Column(name = "term_end_year", nullable = false, length = 7)
    public String termEndYear;

    /** Why this version exists (the amendment's reason; null for the first version). */
    @Column(length = 2000)
    public String reason;

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The accountability clock's terms as JSON; null = {@link AccountabilityTerms#DEFAULT}. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String accountability;

    @OneToMany(mappedBy = "contractVersion", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Provision> provisions = new ArrayList<>();

    @OneToMany(mappedBy = "contractVersion", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Benchmark> benchmarks = new ArrayList<>();

    public static ContractVersion of(Contract contract, int number, SchoolYear start, SchoolYear end, String reason,
                                     String createdBy, Instant now) {
        ContractVersion v = new ContractVersion();
        v.id = UUID.randomUUID();
        v.contract = contract;
        v.number = number;
        v.termStartYear = start.toString();
        v.termEndYear = end.toString();
        v.reason = reason;
        v.createdBy = createdBy;
        v.createdAt = now;
        return v;
    }

    public AccountabilityTerms accountabilityTerms() {
        return AccountabilityTerms.parse(accountability);
    }

    public void setAccountability(AccountabilityTerms terms) {
        accountability = terms == null ? null : terms.toJson();
    }

    public void setTerm(SchoolYear start, SchoolYear end) {
        termStartYear = start.toString();
        termEndYear = end.toString();
    }
}
