package org.portfolio.edfi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.edfi.domain.AssessmentDerivation;
import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.Descriptor;
import org.portfolio.edfi.domain.DescriptorKind;
import org.portfolio.edfi.domain.EdFiDocument;
import org.portfolio.edfi.domain.MappingSnapshot;
import org.portfolio.edfi.domain.ResourceType;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.edfi.repository.ResourceStore;
import org.portfolio.edfi.repository.Sql;
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
 * Each write stores the resource and queues the attendance and assessment records it changes in the same transaction
 * ({@link Derivations}); every queued record is of a school the write was authorised for. An SIS client may write and
 * read only Ed-Fi schools mapped to schools of its scope (an assessment, of no school, only while no result of a school
 * outside its scope names it); a DISTRICT_ADMIN client any.
 */
@ApplicationScoped
public class EdFiService {

    /** The service's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    /** What a write did: the resource's id and version, whether it was created, and what to derive again. */
    public record WriteResult(UUID id, String etag, boolean created, Affected derive) {
    }

    /** A page of a list, and the count of all matches when asked. */
    public record Page(List<ObjectNode> items, Long totalCount) {
    }

    @Inject
    ResourceStore store;

    @Inject
    Sql sql;

    @Inject
    MappingCache mappings;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    Derivations derivations;

    @Inject
    EdFiConfig config;

    /**
     * Stores the resource and queues the records it changes, in one transaction (decision 0009): the answer does not
     * wait for performance-service; the caller's role and school scope were checked here, before storing.
     */
    @Transactional
    public WriteResult upsert(ResourceType type, JsonNode json) {
        return queued(upsert0(parse(type, json)));
    }

    /**
     * {@link #upsert} of an attendance event (issue 17, the hot path): the same checks, statements and single transaction,
     * run on a pooled connection of its own instead of a JTA transaction with a Hibernate session (which cost about an
     * eighth of the service's CPU per event and add nothing here: no entity is involved).
     */
    public WriteResult upsertAttendanceEvent(JsonNode json) {
        // a malformed body is refused before a pooled connection is taken: a flood of them cannot starve the writes
        EdFiDocument doc = parse(ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS, json);
        return sql.transaction(() -> queued(upsert0(doc)));
    }

    /** Replaces a resource; {@code ifMatch} (null: none) must name its stored version (412 otherwise). */
    @Transactional
    public WriteResult replace(ResourceType type, UUID id, JsonNode json, String ifMatch) {
        return queued(replace0(type, id, json, ifMatch));
    }

    /** Deletes a resource; {@code ifMatch} (null: none) must name its stored version (412 otherwise). */
    @Transactional
    public WriteResult delete(ResourceType type, UUID id, String ifMatch) {
        return queued(delete0(type, id, ifMatch));
    }

    /**
     * The resource as stored once its key's lock is held (a write that committed between the first read and the lock
     * is seen: review finding, two PUTs or a PUT and a DELETE racing), checked against the caller's If-Match.
     */
    private StoredResource lockedCurrent(ResourceType type, UUID id, String ifMatch) {
        StoredResource current = store.byId(type.path(), id).orElseThrow(() -> notFound(type));
        if (ifMatch != null && !ifMatch.isBlank() && !etagMatches(ifMatch, current.etag())) {
            throw EdFiException.optimisticLockFailed();
        }
        return current;
    }

    /** Whether an If-Match header names this ETag: {@code *}, or one of its entity tags (quoted or not, weak or strong). */
    static boolean etagMatches(String ifMatch, String etag) {
        for (String t : ifMatch.split(",", 50)) {
            String tag = t.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller writes for every school: a district administrator, or a client whose scope is every school (an
     * SIS registered with allSchools; a token narrowed to some schools is not). Only the enrollments whose last change
     * was such a writer's place a district administrator's result of no school (docs/security.md T27): an SIS scoped to
     * some schools neither receives another school's student's result through a bogus enrollment nor makes its placement
     * ambiguous. edfi-service's own client never writes here (the door refuses it); it is never such a writer.
     */
    boolean districtWideWriter() {
        return !caller.isIngestOnly() && (caller.isDistrictWide() || caller.schoolScope().allSchools());
    }

    /**
     * An unchanged re-post or PUT of an enrollment: a district-wide writer now vouches for it as stored, so it places
     * results of no school again (an administrator restores what an SIS's change, or the stored rows of before V9, took
     * out of the placement); the records it may place are then queued ({@link #affected}). An SIS's unchanged re-post
     * changes nothing, the flag included: the dates it re-posts are those the last writer wrote.
     */
    private void vouchIfDistrictWide(ResourceType type, StoredResource old) {
        if (type == ResourceType.STUDENT_SCHOOL_ASSOCIATIONS && districtWideWriter() && !store.districtWideWriter(old.id())) {
            store.vouchedByDistrictWideWriter(old.id(), caller.id());
        }
    }

    private WriteResult queued(WriteResult r) {
        derivations.enqueue(r.derive(), caller.id());
        return r;
    }

    private WriteResult upsert0(EdFiDocument doc) {
        ResourceType type = doc.type();
        Long owner = owner(doc);
        Optional<StoredResource> existing;
        Map<Long, UUID> schools = null;
        if (type == ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS) {
            // the hot path (issue 17): the mapping lock, the school's lock shared and the key's lock in one statement, then
            // the mappings' version and the stored event in a second one, in the same round trip; the mappings come from
            // this instance's copy unless their version moved. Authorised and checked as before, against mappings no
            // change can alter until this write commits.
            // a caller outside the school's scope is refused before it takes any lock, against this instance's copy as it
            // is (unlocked, as before the cache); the check after the locks is the one that counts (review of the
            // mappings cache, M2)
            MappingSnapshot seen = mappings.latest();
            try {
                authorizeWrite(type, owner, (seen != null ? seen : mappings.current()).schools());
            } catch (EdFiException denied) {
                if (seen == null) {
                    throw denied;
                }
                // the copy may be stale: refused only on the mappings as committed now
                authorizeWrite(type, owner, mappings.current().schools());
            }
            ResourceStore.LockedKey locked = store.lockEvent(owner == null ? 0 : owner, type.path(), doc.naturalKey());
            MappingSnapshot m = mappings.at(locked.mappingVersion());
            schools = m.schools();
            authorizeWrite(type, owner, schools);
            checkCategory(doc, m);
            existing = locked.existing();
        } else {
            authorizeWrite(type, owner, null);
            checkDescriptors(doc);
            lock(type, owner, doc.naturalKey());
            existing = store.byKey(type.path(), doc.naturalKey());
            if (type == ResourceType.SESSIONS && existing.isEmpty()) {
                checkSessionCount(owner, doc.schoolYear()); // under the school's lock: no two new sessions pass at once
            }
        }
        String body = doc.body().toString();
        String etag = etag(body);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (existing.isPresent() && existing.get().etag().equals(etag) && type == ResourceType.ASSESSMENTS) {
            // an unchanged re-post of an assessment (a catalogue re-sync) changes nothing and queues nothing: 200 for any
            // SIS (review of edfi5, L1)
            return new WriteResult(existing.get().id(), etag, false, Affected.none());
        }
        if (existing.isPresent() && !existing.get().etag().equals(etag)) {
            authorizeAssessmentCreator(type, existing.get()); // first: a refused change costs no look at the results
        }
        // an assessment's creation and change queue the records of every result naming it: the results of schools
        // outside the caller's scope must not be among them (review of issue 17, finding 2)
        authorizeAssessmentChange(doc);
        if (existing.isPresent()) {
            StoredResource old = existing.get();
            if (old.etag().equals(etag)) {
                vouchIfDistrictWide(type, old);
                return new WriteResult(old.id(), etag, false, affected(doc, owner, null));
            }
            authorizeStored(type, old.schoolId(), schools); // another school's result under this key: not named
            ResourceStore.QueueRow queue = eventQueueRow(doc);
            boolean wasVouched = vouched(type, old);
            store.update(old.id(), body, etag, now, caller.id(), districtWideWriter(), owner, doc.schoolYear(), queue);
            return new WriteResult(old.id(), etag, false, queue != null ? Affected.none() : affected(doc, owner, old, wasVouched));
        }
        UUID id = UUID.randomUUID();
        ResourceStore.QueueRow queue = eventQueueRow(doc);
        store.insert(type.path(), new StoredResource(id, doc.naturalKey(), owner, doc.schoolYear(), doc.studentUniqueId(),
                body, etag, now), caller.id(), districtWideWriter(), queue);
        return new WriteResult(id, etag, true, queue != null ? Affected.none() : affected(doc, owner, null));
    }

    /**
     * An attendance event changes exactly one record, its student-year at its school ({@link #affected}): its queue row
     * goes with the statement that stores the event (issue 17: one round trip less); null for other resources, whose
     * records are queued after the write.
     */
    private static ResourceStore.QueueRow eventQueueRow(EdFiDocument doc) {
        if (doc.type() != ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS) {
            return null;
        }
        StudentYear k = new StudentYear(doc.schoolId(), doc.schoolYear(), doc.studentUniqueId());
        return new ResourceStore.QueueRow(Derivations.ATTENDANCE, RecordKeys.key(k), k.schoolId());
    }

    private WriteResult replace0(ResourceType type, UUID id, JsonNode json, String ifMatch) {
        StoredResource first = store.byId(type.path(), id).orElseThrow(() -> notFound(type));
        authorizeStored(type, first.schoolId());
        if (json != null && json.isObject() && json.hasNonNull("id")) {
            Optional<UUID> bodyId = Ids.parse(json.get("id").asText());
            if (bodyId.isEmpty() || !bodyId.get().equals(id)) {
                throw EdFiException.validation("$.id", "id in the body must be the id of the resource in the URL.");
            }
        }
        EdFiDocument doc = parse(type, json);
        if (!doc.naturalKey().equals(first.naturalKey())) {
            throw new EdFiException(400, EdFiException.KEY_CHANGE_NOT_SUPPORTED, "Key Change Not Supported",
                    "The identifying values of a " + type.path() + " resource cannot be changed: delete it and post the new one.", null);
        }
        Long owner = owner(doc);
        authorizeWrite(type, owner);
        checkDescriptors(doc);
        lock(type, owner, doc.naturalKey());
        StoredResource old = lockedCurrent(type, id, ifMatch);
        if (!java.util.Objects.equals(old.schoolId(), first.schoolId())) {
            authorizeStored(type, old.schoolId()); // moved to another school meanwhile
        }
        String body = doc.body().toString();
        String etag = etag(body);
        if (old.etag().equals(etag) && type == ResourceType.ASSESSMENTS) {
            return new WriteResult(id, etag, false, Affected.none()); // unchanged: nothing queued (review of edfi5, L1)
        }
        if (!old.etag().equals(etag)) {
            authorizeAssessmentCreator(type, old); // first: a refused change costs no look at the results
        }
        authorizeAssessmentChange(doc);
        if (old.etag().equals(etag)) {
            vouchIfDistrictWide(type, old);
            return new WriteResult(id, etag, false, affected(doc, owner, null));
        }
        boolean wasVouched = vouched(type, old);
        store.update(id, body, etag, clock.instant().truncatedTo(ChronoUnit.MILLIS), caller.id(), districtWideWriter(), owner,
                doc.schoolYear());
        return new WriteResult(id, etag, false, affected(doc, owner, old, wasVouched));
    }

    private WriteResult delete0(ResourceType type, UUID id, String ifMatch) {
        StoredResource first = store.byId(type.path(), id).orElseThrow(() -> notFound(type));
        authorizeStored(type, first.schoolId());
        lock(type, first.schoolId(), first.naturalKey());
        StoredResource old = lockedCurrent(type, id, ifMatch);
        if (!java.util.Objects.equals(old.schoolId(), first.schoolId())) {
            authorizeStored(type, old.schoolId()); // moved to another school meanwhile
        }
        EdFiDocument doc = parse(type, read(old.body()));
        authorizeAssessmentCreator(type, old);
        authorizeAssessmentChange(doc);
        boolean wasVouched = vouched(type, old);
        store.delete(id);
        return new WriteResult(id, old.etag(), false, affected(doc, old.schoolId(), old, wasVouched));
    }

    @Transactional
    public ObjectNode get(ResourceType type, UUID id) {
        StoredResource r = store.byId(type.path(), id).orElseThrow(() -> notFound(type));
        authorizeRead(type, r.schoolId());
        return document(r);
    }

    @Transactional
    public Page list(ResourceType type, ObjectNode filter, int offset, int limit, boolean totalCount) {
        List<Long> schools = null;
        if (!caller.isDistrictWide()) {
            // every kind of scope (schools, oversight bodies, zones, every school) answers canAccessSchool
            schools = new ArrayList<>();
            for (Map.Entry<Long, UUID> e : mappings.current().schools().entrySet()) {
                if (caller.canAccessSchool(e.getValue())) {
                    schools.add(e.getKey());
                }
            }
        }
        String f = filter.toString();
        boolean schoolless = type == ResourceType.ASSESSMENTS;
        // bounded whatever the offset and the filter (review finding M3: a deep offset sorted the whole table, unbounded)
        store.limitStatements(config.listStatementTimeout());
        List<ObjectNode> items = store.list(type.path(), f, schools, schoolless, offset, limit).stream().map(this::document).toList();
        return new Page(items, totalCount ? store.count(type.path(), f, schools, schoolless) : null);
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

    /**
     * The descriptors a derivation reads must be mapped, never guessed (docs/edfi.md): an attendance event's category; a
     * student assessment's performance levels and its assessment's academic subjects (when the assessment is stored).
     */
    private void checkDescriptors(EdFiDocument doc) {
        if (doc.type() == ResourceType.STUDENT_ASSESSMENTS) {
            checkAssessmentDescriptors(doc);
            return;
        }
        if (doc.type() != ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS) {
            return;
        }
        checkCategory(doc, mappings.lockShared());
    }

    /** An attendance event's category must be mapped (the caller holds the mapping lock shared). */
    private void checkCategory(EdFiDocument doc, MappingSnapshot m) {
        Descriptor d = Descriptor.parse(doc.body().get("attendanceEventCategoryDescriptor").asText());
        if (!m.categories().contains(d)) { // never null: EdFiDocument refused a malformed descriptor
            throw EdFiException.validation("$.attendanceEventCategoryDescriptor", "attendanceEventCategoryDescriptor " + d.uri()
                    + " is not mapped: a district administrator says whether it is an absence "
                    + "(PUT /edfi/mappings/attendance-categories?namespace=" + d.namespace() + ").");
        }
    }

    private void checkAssessmentDescriptors(EdFiDocument doc) {
        MappingSnapshot m = mappings.lockShared();
        Set<Descriptor> levels = m.descriptors(DescriptorKind.PERFORMANCE_LEVEL);
        Set<Descriptor> subjects = m.descriptors(DescriptorKind.ACADEMIC_SUBJECT);
        Map<String, List<String>> errors = new java.util.LinkedHashMap<>();
        for (ObjectNode p : EdFiDocument.entries(doc.body(), "performanceLevels")) {
            Descriptor d = Descriptor.parse(p.get("performanceLevelDescriptor").asText());
            if (!levels.contains(d)) {
                errors.computeIfAbsent("$.performanceLevels.performanceLevelDescriptor", x -> new ArrayList<>()).add("performanceLevelDescriptor "
                        + d.uri() + " is not mapped: a district administrator says which performance level of the suite it is "
                        + "(PUT /edfi/mappings/performance-levels?namespace=" + d.namespace() + ").");
            }
        }
        JsonNode ref = doc.body().get("assessmentReference");
        Optional<StoredResource> assessment = store.byKey(ResourceType.ASSESSMENTS.path(), mapper.createArrayNode()
                .add(ref.get("assessmentIdentifier").asText()).add(ref.get("namespace").asText()).toString());
        if (assessment.isPresent()) {
            for (ObjectNode a : EdFiDocument.entries(read(assessment.get().body()), "academicSubjects")) {
                Descriptor d = Descriptor.parse(a.path("academicSubjectDescriptor").asText(null));
                if (d != null && !subjects.contains(d)) {
                    errors.computeIfAbsent("$.assessmentReference", x -> new ArrayList<>()).add("The assessment's academicSubjectDescriptor "
                            + d.uri() + " is not mapped: a district administrator says which subject of the suite it is "
                            + "(PUT /edfi/mappings/academic-subjects?namespace=" + d.namespace() + ").");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw EdFiException.validation(errors);
        }
    }

    /**
     * The Ed-Fi school a document belongs to: its school; for a student assessment the reported school, else the school
     * of the student's enrollment of that year (null when there is none or it is ambiguous); none for an assessment.
     */
    Long owner(EdFiDocument doc) {
        if (doc.type() == ResourceType.ASSESSMENTS) {
            return null;
        }
        if (doc.type() != ResourceType.STUDENT_ASSESSMENTS || doc.schoolId() != null) {
            return doc.schoolId();
        }
        if (caller.isDistrictWide()) {
            // a district administrator's result without a reported school stays school-less: no enrollment makes it a
            // school's for good (review of edfi5, M1); it is derived for the school of the student's enrollment at the
            // time of each derivation (placement), counting only the enrollments a district-wide writer wrote last
            // (docs/security.md T27)
            return null;
        }
        // an SIS's result without a reported school is its school's for good, placed now by the enrollments at the schools
        // of its scope only: no other school's record is concerned, and its answer says nothing of where else the student
        // is enrolled (review of 2026-12-05: a 403 naming the other school, or 201 against 403 for an ambiguous placement,
        // told an SIS another school's enrollments)
        return placement(doc.studentUniqueId(), doc.body(), doc.schoolYear());
    }

    /**
     * The assessment records a stored student assessment takes part in: its school's, or — a result of no school, a
     * district administrator's — those of every school the student is enrolled at (each derivation decides whether it
     * is placed there, and retracts it where it is not). What a mapping change re-derives (review finding M4: results of
     * no school were left out, their records kept the old subject or never reached a newly mapped school).
     */
    Set<AssessmentKey> recordsOf(StoredResource r, JsonNode body) {
        if (r.schoolYear() == null) {
            return Set.of();
        }
        if (r.schoolId() != null) {
            return Set.of(assessmentKey(body, r.schoolYear(), r.schoolId()));
        }
        Set<AssessmentKey> out = new TreeSet<>();
        for (Long school : enrolledSchools(r.studentUniqueId())) {
            out.add(assessmentKey(body, r.schoolYear(), school));
        }
        return out;
    }

    /**
     * The Ed-Fi schools the student has an enrollment at, whoever wrote it: every school a result of no school may be
     * placed at or may have been placed at before (a superset: each derivation decides, and retracts where it is not).
     */
    private Set<Long> enrolledSchools(String student) {
        Set<Long> out = new TreeSet<>();
        for (StoredResource e : store.ofStudent(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(), student)) {
            if (e.schoolId() != null) {
                out.add(e.schoolId());
            }
        }
        return out;
    }

    /**
     * The Ed-Fi school of the student's only enrollment at a school of the caller's scope that the result falls in, now
     * (null: none, or several): only for the school of an SIS's own result, fixed at its write (a district administrator's
     * result of no school is placed by the deriver, DerivationReader, from the enrollments a district-wide writer wrote).
     * Enrollments at schools outside the scope are not looked at: they neither place the result nor make it ambiguous.
     */
    Long placement(String student, JsonNode body, Integer schoolYear) {
        if (schoolYear == null) {
            return null;
        }
        Map<Long, UUID> schools = mappings.current().schools();
        List<AssessmentDerivation.Enrollment> enrollments = new ArrayList<>();
        for (StoredResource r : store.ofStudent(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(), student)) {
            UUID school = r.schoolId() == null ? null : schools.get(r.schoolId());
            if (school != null && caller.canAccessSchool(school)) {
                enrollments.add(DerivationReader.enrollment(r, read(r.body())));
            }
        }
        return AssessmentDerivation.schoolOf(null, EdFiDocument.administrationDateOf(body), schoolYear, enrollments);
    }

    /**
     * An assessment belongs to no school: an SIS may create, change, re-post or delete one only while no result of a
     * school outside its scope (or of no school) names it — those schools' records would be derived from it; a district
     * administrator may always. Checked on every path of an assessment write, the unchanged re-post included.
     */
    private void authorizeAssessmentChange(EdFiDocument doc) {
        if (doc.type() != ResourceType.ASSESSMENTS || caller.isDistrictWide()) {
            return;
        }
        ObjectNode filter = mapper.createObjectNode();
        filter.putObject("assessmentReference").put("assessmentIdentifier", doc.body().get("assessmentIdentifier").asText())
                .put("namespace", doc.body().get("namespace").asText());
        Map<Long, UUID> schools = mappings.current().schools();
        // the schools of the results, not the results (review finding M2: every result's document was read)
        for (Long edfiSchool : store.schoolsMatching(ResourceType.STUDENT_ASSESSMENTS.path(), filter.toString())) {
            UUID school = edfiSchool == null ? null : schools.get(edfiSchool);
            if (school == null || !caller.canAccessSchool(school)) {
                throw EdFiException.denied("Results of schools outside your client's scope use this assessment: a district "
                        + "administrator changes or deletes it.");
            }
        }
    }

    /**
     * An SIS changes or deletes only the assessments its client created; a district administrator any (review of
     * edfi5, M2: the district's or another school's assessment redefined, and other schools' later results derived
     * from the new definition). An unchanged re-post changes nothing and is not refused here.
     */
    private void authorizeAssessmentCreator(ResourceType type, StoredResource old) {
        if (type != ResourceType.ASSESSMENTS || caller.isDistrictWide()) {
            return;
        }
        if (!store.createdBy(old.id()).map(caller.id()::equals).orElse(false)) {
            throw EdFiException.denied("Another client created this assessment: only its creator or a district "
                    + "administrator changes or deletes it.");
        }
    }

    /**
     * The attendance and assessment records this document takes part in, all of the school the write was authorised
     * for ({@code owner}; for an assessment: the schools of the results naming it, all of the caller's scope — checked by
     * authorizeAssessmentChange); {@code old} is the stored version a write replaces or deletes (a student assessment's
     * school year or school may change with it: the write was authorised for its old school too).
     */
    Affected affected(EdFiDocument doc, Long owner, StoredResource old) {
        return affected(doc, owner, old, false);
    }

    /** Whether the stored version a write replaces or deletes is an enrollment a district-wide writer vouches for. */
    private boolean vouched(ResourceType type, StoredResource old) {
        return type == ResourceType.STUDENT_SCHOOL_ASSOCIATIONS && store.districtWideWriter(old.id());
    }

    /** {@code oldVouched}: the replaced or deleted version was an enrollment a district-wide writer vouched for. */
    Affected affected(EdFiDocument doc, Long owner, StoredResource old, boolean oldVouched) {
        Set<StudentYear> out = new TreeSet<>();
        Set<AssessmentKey> assessments = new TreeSet<>();
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
                // a result without a school (a district administrator's) is derived for the school of the student's
                // enrollment at each derivation: this school's record of it is derived again (sent, or retracted when the
                // enrollment went) — the result itself stays school-less (review of edfi5, M1)
                queueSchoollessResults(doc, assessments, oldVouched);
            }
            case STUDENT_SCHOOL_ATTENDANCE_EVENTS -> out.add(new StudentYear(doc.schoolId(), doc.schoolYear(), doc.studentUniqueId()));
            case ASSESSMENTS -> {
                ObjectNode filter = mapper.createObjectNode();
                filter.putObject("assessmentReference").put("assessmentIdentifier", doc.body().get("assessmentIdentifier").asText())
                        .put("namespace", doc.body().get("namespace").asText());
                // read a page at a time: a state test's results (80,000 and more) were read into one list with their
                // documents (hostile read of the twenty-second pass, H2)
                String after = null;
                List<StoredResource> page;
                do {
                    page = store.matchingAfter(ResourceType.STUDENT_ASSESSMENTS.path(), filter.toString(), after, config.readPage());
                    for (StoredResource r : page) {
                        // a result of no school: its record at each school the student is enrolled at (only a district-wide
                        // writer gets here with such results: authorizeAssessmentChange)
                        assessments.addAll(recordsOf(r, read(r.body())));
                        after = r.naturalKey();
                    }
                } while (page.size() == config.readPage());
            }
            case STUDENT_ASSESSMENTS -> {
                // a result of no school (a district administrator's): its record at each school the student is enrolled
                // at, the deriver places it (the administrator's write is authorised for every school)
                if (doc.schoolYear() != null) {
                    if (owner != null) {
                        assessments.add(assessmentKey(doc.body(), doc.schoolYear(), owner));
                    } else {
                        for (Long school : enrolledSchools(doc.studentUniqueId())) {
                            assessments.add(assessmentKey(doc.body(), doc.schoolYear(), school));
                        }
                    }
                }
                if (old != null && old.schoolYear() != null) {
                    if (old.schoolId() != null) {
                        assessments.add(assessmentKey(doc.body(), old.schoolYear(), old.schoolId()));
                    } else {
                        for (Long school : enrolledSchools(doc.studentUniqueId())) {
                            assessments.add(assessmentKey(doc.body(), old.schoolYear(), school));
                        }
                    }
                }
            }
            default -> { }
        }
        return new Affected(out, assessments);
    }

    /**
     * The student's results of no school: this enrollment's school's record of each is queued (derived there while the
     * student's only enrollment of the result's date a district-wide writer wrote is this one; else retracted there). The
     * results stay school-less. A district-wide writer's enrollment also changes where they are placed elsewhere (an
     * enrollment that makes the placement ambiguous, or ends the ambiguity): its write, authorised for every school, queues
     * their records at every school the student is enrolled at. An SIS's write queues its school's records only, and only
     * when it changes or deletes an enrollment a district-wide writer vouched for: an enrollment an SIS wrote last places
     * nothing, so its write can only take this school out of the placement — the record here is retracted; a placement elsewhere that this ends the ambiguity of follows at that record's next
     * derivation (docs/security.md T27).
     */
    private void queueSchoollessResults(EdFiDocument enrollment, Set<AssessmentKey> assessments, boolean oldVouched) {
        if (!districtWideWriter() && !oldVouched) {
            // an SIS's enrollment places nothing, and this write took none that did out of the placement: nothing to
            // derive again — and nothing queued that the queue's pending count would show it (second pass, A4)
            return;
        }
        List<StoredResource> schoolless = new ArrayList<>();
        for (StoredResource r : store.ofStudent(ResourceType.STUDENT_ASSESSMENTS.path(), enrollment.studentUniqueId())) {
            if (r.schoolId() == null && r.schoolYear() != null) {
                schoolless.add(r);
            }
        }
        if (schoolless.isEmpty()) {
            return;
        }
        Set<Long> schools = new TreeSet<>();
        schools.add(enrollment.schoolId());
        if (districtWideWriter()) {
            schools.addAll(enrolledSchools(enrollment.studentUniqueId()));
        }
        for (StoredResource r : schoolless) {
            JsonNode body = read(r.body());
            for (Long school : schools) {
                assessments.add(assessmentKey(body, r.schoolYear(), school));
            }
        }
    }

    /** The assessment record a student assessment document takes part in, at the Ed-Fi school it was written for. */
    static AssessmentKey assessmentKey(JsonNode body, int schoolYear, long edfiSchool) {
        JsonNode ref = body.get("assessmentReference");
        return new AssessmentKey(ref.get("namespace").asText(), ref.get("assessmentIdentifier").asText(),
                body.get("studentReference").get("studentUniqueId").asText(), schoolYear, edfiSchool);
    }

    /** The assessment record of a stored student assessment; none when it has no school (or no year). */
    static Optional<AssessmentKey> assessmentKey(JsonNode body, StoredResource r) {
        return r.schoolId() == null || r.schoolYear() == null ? Optional.empty()
                : Optional.of(assessmentKey(body, r.schoolYear(), r.schoolId()));
    }

    /** A new session past the school year's limit ({@link EdFiConfig#maxSessionsPerSchoolYear}): 400, not stored. */
    private void checkSessionCount(Long school, Integer schoolYear) {
        if (school == null || schoolYear == null) {
            return;
        }
        long n = store.countOfSchoolYear(ResourceType.SESSIONS.path(), school, schoolYear);
        int max = config.maxSessionsPerSchoolYear();
        if (n >= max) {
            throw EdFiException.validation("$.sessionName", "School " + school + " has " + n + " sessions in school year "
                    + schoolYear + ", the most a school may have (" + max + "); change or delete one of them first.");
        }
    }

    /**
     * Writes of one Ed-Fi school take turns (a session or an enrollment changes which records other writes of the
     * school touch). An attendance event touches only its own record: events of a school take the school lock shared
     * (sessions, enrollments and the school's mapping exclusive) and their natural key's lock, so concurrent events of
     * one school do not wait for each other.
     */
    private void lock(ResourceType type, Long school, String naturalKey) {
        if (type == ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS) {
            store.lockSchoolShared(school == null ? 0 : school);
            store.lockKey(type.path(), naturalKey);
        } else {
            store.lockSchool(school == null ? 0 : school);
        }
    }

    private void authorizeWrite(ResourceType type, Long edfiSchoolId) {
        authorizeWrite(type, edfiSchoolId, null);
    }

    /** {@code schools}: the school map the write already read (null: read it now). */
    private void authorizeWrite(ResourceType type, Long edfiSchoolId, Map<Long, UUID> schools) {
        if (type == ResourceType.ASSESSMENTS || caller.isDistrictWide()) {
            return;
        }
        if (edfiSchoolId == null) {
            throw EdFiException.denied("The student assessment names no school of your client's scope: report the school "
                    + "(reportedSchoolReference) or post the student's enrollment (studentSchoolAssociation) of that school year first.");
        }
        UUID school = (schools != null ? schools : mappings.current().schools()).get(edfiSchoolId);
        if (school == null) {
            throw EdFiException.denied("Ed-Fi school " + edfiSchoolId + " is not mapped to a school of the suite: a district "
                    + "administrator maps it (POST /edfi/mappings/schools).");
        }
        if (!caller.canAccessSchool(school)) {
            throw EdFiException.denied("Your client is not scoped to Ed-Fi school " + edfiSchoolId + ".");
        }
    }

    private void authorizeRead(ResourceType type, Long edfiSchoolId) {
        authorizeStored(type, edfiSchoolId);
    }

    /**
     * A stored resource named by its id: refused without naming its school (review finding L3: the answer told a caller
     * which Ed-Fi school an id it may not read belongs to).
     */
    private void authorizeStored(ResourceType type, Long edfiSchoolId) {
        authorizeStored(type, edfiSchoolId, null);
    }

    private void authorizeStored(ResourceType type, Long edfiSchoolId, Map<Long, UUID> schools) {
        try {
            authorizeWrite(type, edfiSchoolId, schools);
        } catch (EdFiException denied) {
            throw EdFiException.denied("Your client's scope does not include the school of this resource.");
        }
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
