package org.portfolio.edfi.service;

import org.portfolio.edfi.domain.CategoryMapping;
import org.portfolio.edfi.domain.SchoolMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.Descriptor;
import org.portfolio.edfi.domain.DescriptorKind;
import org.portfolio.edfi.domain.DescriptorMapping;
import org.portfolio.edfi.repository.StoredResource;
import java.util.Map;
import org.portfolio.edfi.domain.ResourceType;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.edfi.repository.MappingStore;
import org.portfolio.edfi.repository.ResourceStore;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The district's mappings (DISTRICT_ADMIN edits them): which Ed-Fi school is which of ours, and per descriptor
 * namespace which attendance event categories are absences with what weight. A change returns the student-years whose
 * records it changes, to be derived and sent again.
 */
@ApplicationScoped
public class MappingService {

    @Inject
    EdFiConfig config;

    /** The service's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    /** What a replacement wrote (the answer shows exactly that, not a later reading) and what it re-derives. */
    public record Replaced(List<CategoryMapping> categories, Set<StudentYear> derive) {
    }

    /** One category of a namespace as the district maps it. */
    public record Category(String codeValue, boolean absence, BigDecimal weight) {
    }

    @Inject
    MappingStore store;

    @Inject
    ResourceStore resources;

    @Inject
    Caller caller;

    /** A change queues the records it affects in its own transaction (decision 0009). */
    @Inject
    Derivations derivations;

    @Inject
    EdFiService edfi;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public List<CategoryMapping> categories() {
        return store.categories();
    }

    @Transactional
    public List<SchoolMapping> schools() {
        return store.schoolRows();
    }

    /** Replaces a namespace's categories; a category attendance events still use cannot be left out. */
    @Transactional
    public Replaced replaceCategories(String namespace, List<Category> categories) {
        if (namespace == null || namespace.isBlank() || Descriptor.characters(namespace) > Descriptor.MAX_NAMESPACE || namespace.contains("#")
                || !namespace.strip().equals(namespace)) {
            throw ProblemException.invalid("namespace", "must be a descriptor namespace (up to 255 characters, without #), "
                    + "e.g. uri://ed-fi.org/AttendanceEventCategoryDescriptor");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            if (c == null || c.codeValue() == null || c.codeValue().isBlank() || Descriptor.characters(c.codeValue()) > Descriptor.MAX_CODE_VALUE
                    || !c.codeValue().strip().equals(c.codeValue())) {
                errors.add(new FieldError("[" + i + "].codeValue", "must be 1 to 50 characters without leading or trailing spaces"));
                continue;
            }
            if (!seen.add(c.codeValue())) {
                errors.add(new FieldError("[" + i + "].codeValue", "is listed twice"));
            }
            if (c.absence() && c.weight() == null) {
                errors.add(new FieldError("[" + i + "].weight", "is required for an absence (1 = a whole day per day of eventDuration)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        store.lockCategories(true);
        String events = ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS.path();
        List<String> missing = new ArrayList<>();
        for (String used : resources.categoriesInUse(events, namespace)) {
            Descriptor d = Descriptor.parse(used);
            if (d != null && !seen.contains(d.codeValue())) {
                missing.add(d.codeValue());
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.conflict("attendance events use categories this mapping leaves out: " + String.join(", ", missing)
                    + "; map every category in use");
        }
        java.time.Instant now = clock.instant();
        List<CategoryMapping> rows = categories.stream().map(c -> new CategoryMapping(namespace, c.codeValue(),
                c.absence(), c.absence() ? c.weight() : BigDecimal.ZERO, caller.id(), now)).toList();
        store.replaceCategories(namespace, rows, caller.id());
        Set<StudentYear> out = new TreeSet<>();
        for (Object[] k : resources.eventKeysOfNamespace(events, namespace)) {
            out.add(new StudentYear((Long) k[0], (Integer) k[1], (String) k[2]));
        }
        derivations.enqueue(Affected.attendance(out), caller.id());
        return new Replaced(rows, out);
    }

    /** Maps an Ed-Fi school to one of ours; its students' records are derived and sent again. */
    @Transactional
    public Affected mapSchool(long edfiSchoolId, UUID schoolId) {
        if (edfiSchoolId < 1 || edfiSchoolId > 999_999_999_999L) {
            throw ProblemException.invalid("edfiSchoolId", "must be a whole number from 1 to 999999999999");
        }
        resources.lockSchool(edfiSchoolId);
        store.putSchool(edfiSchoolId, schoolId, caller.id());
        Set<StudentYear> out = new TreeSet<>();
        List<Integer> years = resources.sessionYears(ResourceType.SESSIONS.path(), edfiSchoolId);
        Set<AssessmentKey> assessments = new TreeSet<>();
        for (String s : resources.students(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(), edfiSchoolId)) {
            for (Integer y : years) {
                out.add(new StudentYear(edfiSchoolId, y, s));
            }
        }
        // the assessment records of the school: those of the results written for it (their school is fixed at the write)
        for (StoredResource r : resources.of(ResourceType.STUDENT_ASSESSMENTS.path(), edfiSchoolId, null, null)) {
            EdFiService.assessmentKey(read(r.body()), r).ifPresent(assessments::add);
        }
        // and those of the results of no school of its enrolled students, derived here while they are placed here
        // (review finding M4: they were left out)
        for (String s : resources.students(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(), edfiSchoolId)) {
            for (StoredResource r : resources.ofStudent(ResourceType.STUDENT_ASSESSMENTS.path(), s)) {
                if (r.schoolId() == null && r.schoolYear() != null) {
                    assessments.add(EdFiService.assessmentKey(read(r.body()), r.schoolYear(), edfiSchoolId));
                }
            }
        }
        Affected affected = new Affected(out, assessments);
        derivations.enqueue(affected, caller.id());
        return affected;
    }

    // --- assessment descriptors ------------------------------------------------------------------

    /** One descriptor code value of a namespace and what it means (a level, a subject code, SCALE_SCORE or NONE). */
    public record DescriptorValue(String codeValue, String value) {
    }

    /** What a replacement wrote, and how many record keys it queued for derivation. */
    public record ReplacedDescriptors(List<DescriptorMapping> mappings, long queued) {
    }

    /** A descriptor in use that no mapping names: its kind, the descriptor and how many stored resources use it. */
    public record Unmapped(DescriptorKind kind, String descriptor, String usedBy, long resources) {
    }

    private record Use(DescriptorKind kind, ResourceType resource, String jsonPath) {
    }

    /** Where each kind of descriptor is read: the derivation reads those of student assessments and assessments' subjects. */
    private static final List<Use> USES = List.of(
            new Use(DescriptorKind.PERFORMANCE_LEVEL, ResourceType.STUDENT_ASSESSMENTS, "$.performanceLevels[*].performanceLevelDescriptor"),
            new Use(DescriptorKind.PERFORMANCE_LEVEL, ResourceType.ASSESSMENTS, "$.performanceLevels[*].performanceLevelDescriptor"),
            new Use(DescriptorKind.ACADEMIC_SUBJECT, ResourceType.ASSESSMENTS, "$.academicSubjects[*].academicSubjectDescriptor"),
            new Use(DescriptorKind.REPORTING_METHOD, ResourceType.STUDENT_ASSESSMENTS, "$.scoreResults[*].assessmentReportingMethodDescriptor"),
            new Use(DescriptorKind.REPORTING_METHOD, ResourceType.ASSESSMENTS, "$.scores[*].assessmentReportingMethodDescriptor"));

    @Transactional
    public List<DescriptorMapping> descriptors(DescriptorKind kind) {
        return store.descriptors(kind);
    }

    /**
     * Replaces a namespace's mappings of one kind. A performance level that stored student assessments use, or a subject
     * that stored assessments use, cannot be left out (409); the student assessments of the namespace are derived again.
     */
    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 900)
    public ReplacedDescriptors replaceDescriptors(DescriptorKind kind, String namespace, List<DescriptorValue> values) {
        checkNamespace(namespace, "uri://ed-fi.org/PerformanceLevelDescriptor");
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            DescriptorValue v = values.get(i);
            if (v == null || v.codeValue() == null || v.codeValue().isBlank() || Descriptor.characters(v.codeValue()) > Descriptor.MAX_CODE_VALUE
                    || !v.codeValue().strip().equals(v.codeValue())) {
                errors.add(new FieldError("[" + i + "].codeValue", "must be 1 to 50 characters without leading or trailing spaces"));
                continue;
            }
            if (!seen.add(v.codeValue())) {
                errors.add(new FieldError("[" + i + "].codeValue", "is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        store.lockCategories(true);
        List<String> missing = new ArrayList<>();
        for (Use u : USES) {
            if (u.kind() != kind || kind == DescriptorKind.REPORTING_METHOD
                    || (kind == DescriptorKind.PERFORMANCE_LEVEL && u.resource() == ResourceType.ASSESSMENTS)) {
                continue;
            }
            for (String used : resources.valuesAt(u.resource().path(), u.jsonPath()).keySet()) {
                Descriptor d = Descriptor.parse(used);
                if (d != null && d.namespace().equals(namespace) && !seen.contains(d.codeValue())) {
                    missing.add(d.codeValue());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.conflict("stored " + (kind == DescriptorKind.ACADEMIC_SUBJECT ? "assessments" : "student assessments")
                    + " use code values this mapping leaves out: " + String.join(", ", missing) + "; map every code value in use");
        }
        java.time.Instant now = clock.instant();
        List<DescriptorMapping> rows = values.stream().map(v -> new DescriptorMapping(kind, namespace, v.codeValue(), v.value(),
                caller.id(), now)).toList();
        store.replaceDescriptors(kind, namespace, rows);
        // the results to derive again are read and queued a page at a time (hostile read of the twenty-second pass, H2:
        // every matching result's document was read into one list, a million of them for a performance-level namespace
        // used district-wide, in a 256 MB heap); a key two pages share is queued twice and derived twice, the same way
        long queued = 0;
        for (Use u : USES) {
            if (u.kind() != kind) {
                continue;
            }
            String after = null;
            List<StoredResource> page;
            do {
                page = resources.withValueStartingAfter(u.resource().path(), u.jsonPath(), namespace + "#", after, config.readPage());
                for (StoredResource r : page) {
                    JsonNode body = read(r.body());
                    if (u.resource() == ResourceType.STUDENT_ASSESSMENTS) {
                        queued += queue(edfi.recordsOf(r, body));
                    } else {
                        ObjectNode filter = mapper.createObjectNode();
                        filter.putObject("assessmentReference").put("assessmentIdentifier", body.get("assessmentIdentifier").asText())
                                .put("namespace", body.get("namespace").asText());
                        queued += queueResultsMatching(filter.toString());
                    }
                    after = r.naturalKey();
                }
            } while (page.size() == config.readPage());
        }
        return new ReplacedDescriptors(rows, queued);
    }

    /** Queues the results of one assessment (a filter on their assessment reference) for derivation, a page at a time. */
    private long queueResultsMatching(String filter) {
        long queued = 0;
        String after = null;
        List<StoredResource> page;
        do {
            page = resources.matchingAfter(ResourceType.STUDENT_ASSESSMENTS.path(), filter, after, config.readPage());
            Set<AssessmentKey> keys = new TreeSet<>();
            for (StoredResource sa : page) {
                keys.addAll(edfi.recordsOf(sa, read(sa.body())));
                after = sa.naturalKey();
            }
            queued += queue(keys);
        } while (page.size() == config.readPage());
        return queued;
    }

    private int queue(Set<AssessmentKey> keys) {
        derivations.enqueue(new Affected(Set.of(), keys), caller.id());
        return keys.size();
    }

    /** The descriptors stored assessments and student assessments use that no mapping names (reported, never guessed). */
    @Transactional
    public List<Unmapped> unmapped() {
        Set<Descriptor> mapped = new HashSet<>();
        Map<DescriptorKind, Set<Descriptor>> byKind = new java.util.EnumMap<>(DescriptorKind.class);
        for (DescriptorMapping m : store.descriptors(null)) {
            byKind.computeIfAbsent(m.kind(), x -> new HashSet<>()).add(m.descriptor());
        }
        List<Unmapped> out = new ArrayList<>();
        for (Use u : USES) {
            Set<Descriptor> known = byKind.getOrDefault(u.kind(), mapped);
            for (Map.Entry<String, Long> e : resources.valuesAt(u.resource().path(), u.jsonPath()).entrySet()) {
                Descriptor d = Descriptor.parse(e.getKey());
                if (d != null && !known.contains(d)) {
                    out.add(new Unmapped(u.kind(), d.uri(), u.resource().path(), e.getValue()));
                }
            }
        }
        return out;
    }

    private static void checkNamespace(String namespace, String example) {
        if (namespace == null || namespace.isBlank() || Descriptor.characters(namespace) > Descriptor.MAX_NAMESPACE || namespace.contains("#")
                || !namespace.strip().equals(namespace)) {
            throw ProblemException.invalid("namespace", "must be a descriptor namespace (up to 255 characters, without #), e.g. " + example);
        }
    }

    private JsonNode read(String body) {
        try {
            return mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }
}
