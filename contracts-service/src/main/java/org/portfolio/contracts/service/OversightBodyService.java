package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.OversightBody;
import org.portfolio.contracts.domain.OversightBodyKind;
import org.portfolio.contracts.repository.OversightBodyRepository;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class OversightBodyService {

    public static final ProblemType DUPLICATE_NAME =
            ProblemType.custom("duplicate-oversight-body", "An oversight body with this name exists", 409);

    @Inject
    OversightBodyRepository bodies;

    @Inject
    SchoolCalendar calendar;

    public OversightBody create(String name, OversightBodyKind kind, String contactEmail) {
        bodies.findByName(name).ifPresent(existing -> {
            throw ProblemException.conflict(DUPLICATE_NAME, "Oversight body \"" + name + "\" already exists: " + existing.id);
        });
        OversightBody body = OversightBody.create(name, kind, contactEmail, calendar.now());
        bodies.persist(body);
        return body;
    }

    public OversightBody update(UUID id, String ifMatch, String name, OversightBodyKind kind, String contactEmail) {
        // locked before If-Match is checked: of two updates sent with the same ETag, the later is a 412 (twentieth pass)
        OversightBody body = bodies.findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Oversight body", id));
        EntityTags.checkIfMatch(ifMatch, body.version);
        bodies.findByName(name).filter(other -> !other.id.equals(id)).ifPresent(other -> {
            throw ProblemException.conflict(DUPLICATE_NAME, "Oversight body \"" + name + "\" already exists: " + other.id);
        });
        body.update(name, kind, contactEmail, calendar.now());
        bodies.flush();
        return body;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OversightBody get(UUID id) {
        return bodies.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Oversight body", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OversightBody> list() {
        return bodies.listAll(io.quarkus.panache.common.Sort.by("name"));
    }
}
