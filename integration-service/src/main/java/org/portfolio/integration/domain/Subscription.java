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

    /**
     * The secrets rotations replaced, oldest first: each keeps signing until its own grace period ends (a second
     * rotation within a day stopped the first secret at once before, sixth pass L8).
     */
    @Convert(converter = EarlierSecretsConverter.class)
    @Column(name = "earlier_secrets", nullable = false)
    public java.util.List<EarlierSecret> earlierSecrets = java.util.List.of();

    /**
     * The newest earlier secret, as the release before V8 kept it: written, never read here, so that one of its
     * replicas still running in a rolling deploy (or after a rollback) signs as it did.
     */
    @Column(name = "previous_secret", length = 100)
    String previousSecret;

    @Column(name = "previous_secret_expires_at")
    Instant previousSecretExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Subscription create(String owner, Set<String> roles, Set<UUID> schools, boolean narrowedToSchools,
                                      String url, String description, Set<String> types, Set<UUID> schoolFilter,
                                      String secret, Instant now) {
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
        s.createdAt = now;
        s.updatedAt = s.createdAt;
        return s;
    }

    /** At most this many earlier secrets sign next to the current one (a signature header stays short). */
    public static final int MAX_EARLIER_SECRETS = 3;

    /**
     * The new secret signs from now on. Unless {@code revokeEarlier}, the one it replaces keeps signing until
     * {@code graceUntil}, and earlier ones until their own grace ends; with it, none but the new one signs (a leaked
     * secret). False when {@link #MAX_EARLIER_SECRETS} earlier secrets still sign: nothing changes then.
     */
    public boolean rotateSecret(String newSecret, Instant graceUntil, boolean revokeEarlier, Instant now) {
        java.util.List<EarlierSecret> kept = new java.util.ArrayList<>();
        if (!revokeEarlier) {
            earlierSecrets.stream().filter(e -> e.signsAt(now)).forEach(kept::add);
            if (kept.size() >= MAX_EARLIER_SECRETS) {
                return false;
            }
            kept.add(new EarlierSecret(secret, graceUntil));
        }
        earlierSecrets = java.util.List.copyOf(kept);
        EarlierSecret newest = kept.isEmpty() ? null : kept.get(kept.size() - 1);
        previousSecret = newest == null ? null : newest.secret();
        previousSecretExpiresAt = newest == null ? null : newest.expiresAt();
        secret = newSecret;
        updatedAt = now;
        return true;
    }

    /** The secrets that sign a delivery now: the current one, then the earlier ones still in their grace, newest first. */
    public java.util.List<String> signingSecrets(Instant now) {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(secret);
        for (int i = earlierSecrets.size() - 1; i >= 0; i--) {
            if (earlierSecrets.get(i).signsAt(now)) {
                out.add(earlierSecrets.get(i).secret());
            }
        }
        return out;
    }

    /** When the last earlier secret stops signing; null when none signs any more. */
    public Instant earlierSecretsSignUntil(Instant now) {
        return earlierSecrets.stream().filter(e -> e.signsAt(now)).map(EarlierSecret::expiresAt)
                .max(Instant::compareTo).orElse(null);
    }

    public void changeStatus(SubscriptionStatus to, String reason, Instant now) {
        status = to;
        statusReason = reason;
        updatedAt = now;
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

}
