package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.CatalogEntry;
import org.portfolio.autonomy.domain.CatalogVersion;
import org.portfolio.autonomy.domain.Decision;
import org.portfolio.autonomy.repository.CatalogRepository;
import org.portfolio.autonomy.repository.DecisionRepository;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The decision catalog: which decisions each domain covers. Every edit by a district admin (add, edit, retire)
 * makes a new catalog version holding a full snapshot; old versions stay readable. Grants and requests name
 * decisions by code, so a grant on a whole domain covers decisions added later, and a retired decision is
 * covered by no grant.
 */
@ApplicationScoped
@Transactional
public class DecisionCatalogService {

    public static final ProblemType DUPLICATE_DECISION =
            ProblemType.custom("duplicate-decision", "The decision code is taken", 409);
    public static final ProblemType DECISION_RETIRED =
            ProblemType.custom("decision-retired", "The decision is retired", 409);

    /** A version of the catalog with its decisions. */
    public record VersionView(CatalogVersion version, List<CatalogEntry> decisions) {
    }

    /** The one clock of every time this service records or publishes (a test moves it). */
    @Inject
    Clock clock;

    @Inject
    DecisionRepository decisions;

    @Inject
    CatalogRepository catalog;

    @Inject
    RightsChangeNotifier notifier;

    /** The current catalog (retired decisions left out unless asked for). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Decision> current(boolean includeRetired) {
        return includeRetired ? decisions.listInOrder() : decisions.current();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Decision get(String code) {
        return decisions.findByIdOptional(code).orElseThrow(() -> ProblemException.notFound("Decision", code));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public int currentVersion() {
        return catalog.latestVersion();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CatalogVersion> versions() {
        return catalog.allNewestFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long size(int version) {
        return catalog.countEntries(version);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public VersionView version(int version) {
        CatalogVersion v = catalog.findByIdOptional(version)
                .orElseThrow(() -> ProblemException.notFound("Catalog version", version));
        return new VersionView(v, catalog.entries(version));
    }

    public Decision define(String code, AutonomyDomain domain, String name, String description, String actor) {
        CatalogVersion latest = catalog.lockLatest();
        if (decisions.findByIdOptional(code).isPresent()) {
            throw ProblemException.conflict(DUPLICATE_DECISION, "Decision " + code + " is already in the catalog"
                    + " (codes are never reused, even once retired)");
        }
        Instant now = clock.instant();
        int next = latest.version + 1;
        Decision d = Decision.define(code, domain, name, description, next, now);
        decisions.persist(d);
        newVersion(next, actor, "ADDED", code, "Added " + code + " to " + domain + ": " + name, now);
        return d;
    }

    /** Changes a decision's name and description; its domain never changes (retire it and add a new code). */
    public Decision edit(String code, String ifMatch, AutonomyDomain domain, String name, String description,
                         String actor) {
        CatalogVersion latest = catalog.lockLatest();
        Decision d = get(code);
        EntityTags.checkIfMatch(ifMatch, d.version);
        if (d.isRetired()) {
            throw ProblemException.conflict(DECISION_RETIRED, "Decision " + code + " was retired in catalog version "
                    + d.retiredInVersion);
        }
        if (domain != null && domain != d.domain) {
            throw ProblemException.unprocessable("A decision's domain cannot change: retire " + code
                    + " and add a new decision to " + domain, new FieldError("domain", "must stay " + d.domain));
        }
        if (Objects.equals(name, d.name) && Objects.equals(description, d.description)) {
            return d;
        }
        Instant now = clock.instant();
        d.name = name;
        d.description = description;
        d.updatedAt = now;
        newVersion(latest.version + 1, actor, "EDITED", code, "Edited " + code + ": " + name, now);
        decisions.flush();
        return d;
    }

    public Decision retire(String code, String ifMatch, String reason, String actor) {
        CatalogVersion latest = catalog.lockLatest();
        Decision d = get(code);
        EntityTags.checkIfMatch(ifMatch, d.version);
        if (d.isRetired()) {
            throw ProblemException.conflict(DECISION_RETIRED, "Decision " + code + " was already retired in catalog"
                    + " version " + d.retiredInVersion);
        }
        Instant now = clock.instant();
        int next = latest.version + 1;
        d.retiredInVersion = next;
        d.updatedAt = now;
        newVersion(next, actor, "RETIRED", code, "Retired " + code + ": " + reason, now);
        decisions.flush();
        return d;
    }

    /**
     * 422 unless every code is a current decision of the domain. Used for manual grants and requests (events
     * from contracts are taken as they come: a code the catalog does not know simply covers nothing).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireDecisionsOf(AutonomyDomain domain, List<String> codes, String field) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            Decision d = code == null ? null : decisions.findById(code);
            String path = field + "[" + i + "]";
            if (d == null) {
                errors.add(new FieldError(path, "no decision " + code + " in the catalog"));
            } else if (d.isRetired()) {
                errors.add(new FieldError(path, code + " was retired in catalog version " + d.retiredInVersion));
            } else if (d.domain != domain) {
                errors.add(new FieldError(path, code + " belongs to " + d.domain + ", not " + domain));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(errors.size() + " decision(s) cannot be used for " + domain,
                    errors.toArray(FieldError[]::new));
        }
    }

    private void newVersion(int version, String actor, String kind, String code, String summary, Instant at) {
        decisions.flush();
        CatalogVersion v = new CatalogVersion();
        v.version = version;
        v.createdAt = at;
        v.createdBy = actor;
        v.changeKind = kind;
        v.decisionCode = code;
        v.summary = summary.length() > 1000 ? summary.substring(0, 999) + "…" : summary;
        catalog.persist(v);
        for (Decision d : decisions.current()) {
            catalog.persistEntry(CatalogEntry.of(version, d));
        }
        notifier.catalogChanged();
    }
}
