package org.portfolio.edfi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.edfi.domain.Descriptor;
import org.portfolio.edfi.domain.EdFiDocument;
import org.portfolio.edfi.domain.ResourceType;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.edfi.repository.MappingStore;
import org.portfolio.edfi.repository.ResourceStore;
import org.portfolio.edfi.repository.StoredResource;
import org.portfolio.platform.web.security.Caller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The Ed-Fi resources: upsert on the natural key, replace and delete by id, reads filtered by the caller's schools.
 * Each write commits and returns the student-years whose attendance records it changes; the resource then has them
 * derived and sent ({@link Derivations}). An SIS client may write and read only Ed-Fi schools mapped to schools of its
 * scope; a DISTRICT_ADMIN client any.
 */
@ApplicationScoped
public class EdFiService {

    /** What a write did: the resource's id and version, whether it was created, and what to derive again. */
    public record WriteResult(UUID id, String etag, boolean created, Set<StudentYear> derive) {
    }

    /** A page of a list, and the count of all matches when asked. */
    public record Page(List<ObjectNode> items, Long totalCount) {
    }

    @Inject
    ResourceStore store;

    @Inject
    MappingStore mappings;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public WriteResult upsert(ResourceType type, JsonNode json) {
        EdFiDocument doc = parse(type, json);
        authorizeWrite(doc.schoolId());
        checkDescriptors(doc);
        store.lockSchool(doc.schoolId());
        Optional<StoredResource> existing = store.byKey(type.path(), doc.naturalKey());
        String body = doc.body().toString();
        String etag = etag(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (existing.isPresent()) {
            if (!existing.get().etag().equals(etag)) {
                store.update(existing.get().id(), body, etag, now, caller.id());
            }
            return new WriteResult(existing.get().id(), etag, false, affected(doc));
        }
        UUID id = UUID.randomUUID();
        store.insert(type.path(), new StoredResource(id, doc.naturalKey(), doc.schoolId(), doc.schoolYear(), doc.studentUniqueId(),
                body, etag, now), caller.id());
        return new WriteResult(id, etag, true, affected(doc));
    }

    @Transactional
    public WriteResult replace(ResourceType type, UUID id, JsonNode json) {
        StoredResource old = store.byId(type.path(), id).orElseThrow(() -> notFound(type));
        authorizeWrite(old.schoolId());
        if (json != null && json.isObject() && json.hasNonNull("id")) {
            Optional<UUID> bodyId = Ids.parse(json.get("id").asText());
            if (bodyId.isEmpty() || !bodyId.get().equals(id)) {
                throw EdFiException.validation("$.id", "id in the body must be the id of the resource in the URL.");
            }
        }
        EdFiDocument doc = parse(type, json);
        if (!doc.naturalKey().equals(old.naturalKey())) {
            throw new EdFiException(400, EdFiException.KEY_CHANGE_NOT_SUPPORTED, "Key Change Not Supported",
                    "The identifying values of a " + type.path() + " resource cannot be changed: delete it and post the new one.", null);
        }
        checkDescriptors(doc);
        store.lockSchool(doc.schoolId());
        String body = doc.body().toString();
        String etag = etag(body);
        if (!old.etag().equals(etag)) {
            store.update(id, body, etag, Instant.now().truncatedTo(ChronoUnit.MILLIS), caller.id());
        }
        return new WriteResult(id, etag, false, affected(doc));
    }

    @Transactional
    public WriteResult delete(ResourceType type, UUID id) {
        StoredResource old = store.byId(type.path(), id).orElseThrow(() -> notFound(type));
        authorizeWrite(old.schoolId());
        store.lockSchool(old.schoolId());
        EdFiDocument doc = parse(type, read(old.body()));
        store.delete(id);
        return new WriteResult(id, old.etag(), false, affected(doc));
    }

    @Transactional
    public ObjectNode get(ResourceType type, UUID id) {
        StoredResource r = store.byId(type.path(), id).orElseThrow(() -> notFound(type));
        authorizeRead(r.schoolId());
        return document(r);
    }

    @Transactional
    public Page list(ResourceType type, ObjectNode filter, int offset, int limit, boolean totalCount) {
        List<Long> schools = null;
        if (!caller.isDistrictWide()) {
            // every kind of scope (schools, oversight bodies, zones, every school) answers canAccessSchool
            schools = new ArrayList<>();
            for (Map.Entry<Long, UUID> e : mappings.schools().entrySet()) {
                if (caller.canAccessSchool(e.getValue())) {
                    schools.add(e.getKey());
                }
            }
        }
        String f = filter.toString();
        List<ObjectNode> items = store.list(type.path(), f, schools, offset, limit).stream().map(this::document).toList();
        return new Page(items, totalCount ? store.count(type.path(), f, schools) : null);
    }

    /** The document as Ed-Fi answers it: as posted, with the server's id, _etag and _lastModifiedDate. */
    ObjectNode document(StoredResource r) {
        ObjectNode out = mapper.createObjectNode();
        out.put("id", Ids.format(r.id()));
        out.setAll((ObjectNode) read(r.body()));
        out.put("_etag", r.etag());
        out.put("_lastModifiedDate", r.lastModified().toString());
        return out;
    }

    private EdFiDocument parse(ResourceType type, JsonNode json) {
        try {
            return EdFiDocument.of(type, json);
        } catch (EdFiDocument.Invalid e) {
            throw EdFiException.validation(e.errors());
        }
    }

    /** An attendance event's category must be mapped: never guessed (docs/edfi.md). */
    private void checkDescriptors(EdFiDocument doc) {
        if (doc.type() != ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS) {
            return;
        }
        mappings.lockCategories(false);
        Descriptor d = Descriptor.parse(doc.body().get("attendanceEventCategoryDescriptor").asText());
        boolean known = mappings.categories().stream().anyMatch(c -> c.namespace().equals(d.namespace()) && c.codeValue().equals(d.codeValue()));
        if (!known) {
            throw EdFiException.validation("$.attendanceEventCategoryDescriptor", "attendanceEventCategoryDescriptor " + d.uri()
                    + " is not mapped: a district administrator says whether it is an absence "
                    + "(PUT /edfi/mappings/attendance-categories?namespace=" + d.namespace() + ").");
        }
    }

    /** The student-years whose attendance records this document takes part in. */
    Set<StudentYear> affected(EdFiDocument doc) {
        Set<StudentYear> out = new TreeSet<>();
        switch (doc.type()) {
            case SESSIONS -> {
                for (String s : store.students(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(), doc.schoolId())) {
                    out.add(new StudentYear(doc.schoolId(), doc.schoolYear(), s));
                }
            }
            case STUDENT_SCHOOL_ASSOCIATIONS -> {
                for (Integer y : store.sessionYears(ResourceType.SESSIONS.path(), doc.schoolId())) {
                    out.add(new StudentYear(doc.schoolId(), y, doc.studentUniqueId()));
                }
            }
            case STUDENT_SCHOOL_ATTENDANCE_EVENTS -> out.add(new StudentYear(doc.schoolId(), doc.schoolYear(), doc.studentUniqueId()));
            default -> { }
        }
        return out;
    }

    private void authorizeWrite(long edfiSchoolId) {
        if (caller.isDistrictWide()) {
            return;
        }
        UUID school = mappings.schools().get(edfiSchoolId);
        if (school == null) {
            throw EdFiException.denied("Ed-Fi school " + edfiSchoolId + " is not mapped to a school of the suite: a district "
                    + "administrator maps it (POST /edfi/mappings/schools).");
        }
        if (!caller.canAccessSchool(school)) {
            throw EdFiException.denied("Your client is not scoped to Ed-Fi school " + edfiSchoolId + ".");
        }
    }

    private void authorizeRead(long edfiSchoolId) {
        authorizeWrite(edfiSchoolId);
    }

    private static EdFiException notFound(ResourceType type) {
        return EdFiException.notFound("No " + type.path() + " resource with this id.");
    }

    private JsonNode read(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }

    static String etag(String body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
