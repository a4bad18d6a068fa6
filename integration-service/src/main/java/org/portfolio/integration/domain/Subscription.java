package org.portfolio.integration.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/** A webhook subscription: where to deliver which events, signed with which secret, on behalf of which client. */
@Entity
@Table(name = "webhook_subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_client", nullable = false, length = 200)
    public String ownerClient;

    @Convert(converter = StringsConverter.class)
    @Column(name = "owner_roles", nullable = false, length = 200)
    public SortedSet<String> ownerRoles = new TreeSet<>();

    @Convert(converter = UuidsConverter.class)
    @Column(name = "owner_schools", nullable = false)
    public SortedSet<UUID> ownerSchools = new TreeSet<>();

    /**
     * Registered with a token narrowed to some schools ({@link #ownerSchools}): it acts for those only, as far as its
     * client's scope still covers them (hostile review of 2026-12-05, sixth pass, M5: deliveries took the client's
     * whole scope).
     */
    @Column(name = "narrowed_to_schools", nullable = false)
    public boolean narrowedToSchools;

    @Column(nullable = false, length = 2000)
    public String url;

    @Column(length = 200)
    public String description;

    @Convert(converter = StringsConverter.class)
    @Column(name = "event_types", nullable = false)
    public SortedSet<String> eventTypes = new TreeSet<>();

    @Convert(converter = UuidsConverter.class)
    @Column(name = "school_ids", nullable = false)
    public SortedSet<UUID> schoolIds = new TreeSet<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public SubscriptionStatus status;

    @Column(name = "status_reason", length = 300)
    public String statusReason;

    @Column(nullable = false, length = 100)
    public String secret;

    @Column(name = "previous_secret", length = 100)
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Subscription create(String owner, Set<String> roles, Set<UUID> schools, boolean narrowedToSchools,
                                      String url, String description, Set<String> types, Set<UUID> schoolFilter,
                                      String secret) {
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.ownerClient = owner;
        s.ownerRoles = new TreeSet<>(roles);
        s.ownerSchools = new TreeSet<>(schools);
        s.narrowedToSchools = narrowedToSchools;
        s.url = url;
        s.description = description;
        s.eventTypes = new TreeSet<>(types);
        s.schoolIds = new TreeSet<>(schoolFilter);
        s.status = SubscriptionStatus.ACTIVE;
        s.secret = secret;
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        return s;
    }

    /** The new secret signs from now on; the old one too, alongside it, until {@code graceUntil}. */
    public void rotateSecret(String newSecret, Instant graceUntil) {
        previousSecret = secret;
        previousSecretExpiresAt = graceUntil;
        secret = newSecret;
        touch();
    }

    /** The secrets that sign a delivery now: the current one, and the previous one during its grace period. */
    public java.util.List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            return java.util.List.of(secret, previousSecret);
        }
        return java.util.List.of(secret);
    }

    public void changeStatus(SubscriptionStatus to, String reason) {
        status = to;
        statusReason = reason;
        touch();
    }

    /**
     * Does an event of this type about these schools match the subscription's filters? The school filter narrows
     * events about schools; an event about a subscription (WebhookDisabled) passes it.
     */
    public boolean matches(String type, Set<UUID> eventSchools) {
        return eventTypes.contains(type) && (schoolIds.isEmpty() || EventCatalog.audienceOf(type).orElse(null) == Audience.SUBSCRIPTION
                || eventSchools.stream().anyMatch(schoolIds::contains));
    }

    /**
     * Is a new event queued for this subscription? Not while it is DISABLED (its queue would grow for the feed's whole
     * retention): only the WebhookDisabled about itself, so that a resume tells it. A PAUSED one keeps queueing.
     */
    public boolean queues(String type, String subject) {
        return status != SubscriptionStatus.DISABLED
                || (EventCatalog.WEBHOOK_DISABLED.equals(type) && id.toString().equals(subject));
    }

    private void touch() {
        updatedAt = Instant.now();
    }
}
