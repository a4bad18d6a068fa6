package org.portfolio.edfi.service;

import org.portfolio.edfi.domain.CategoryMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.edfi.domain.AssessmentDerivation;
import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.AttendanceDerivation;
import org.portfolio.edfi.domain.DescriptorMapping;
import org.portfolio.edfi.repository.SentStore;
import org.portfolio.edfi.domain.Descriptor;
import org.portfolio.edfi.domain.EdFiDocument;
import org.portfolio.edfi.domain.ResourceType;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.edfi.repository.MappingStore;
import org.portfolio.edfi.repository.ResourceStore;
import org.portfolio.edfi.repository.StoredResource;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what the attendance records of some student-years rest on and derives them (AttendanceDerivation), as the rows
 * of performance-service's attendance upload. A student-year of an Ed-Fi school not mapped to one of ours, or with no
 * instructional day enrolled, gives no row.
 */
@ApplicationScoped
public class DerivationReader {

    private static final Logger LOG = Logger.getLogger(DerivationReader.class);

    @Inject
    ResourceStore store;

    @Inject
    MappingStore mappings;

    @Inject
    SentStore sent;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public Map<StudentYear, ObjectNode> derive(Set<StudentYear> keys) {
        Map<Long, UUID> schools = mappings.schools();
        Map<Descriptor, AttendanceDerivation.Category> categories = new HashMap<>();
        for (CategoryMapping c : mappings.categories()) {
            categories.put(new Descriptor(c.namespace(), c.codeValue()), new AttendanceDerivation.Category(c.absence(), c.weight()));
        }
        // a school year's sessions read and resolved once per pass (weekdays and which session owns them), whatever
        // the number of its students: each student only intersects the result with their enrollments
        Map<String, AttendanceDerivation.Calendar> sessionCache = new HashMap<>();
        // the enrollments and events of every record of the pass in two statements (issue 17: was two per record, each
        // row's whole document parsed), keyed back to the records
        Map<String, List<AttendanceDerivation.Enrollment>> enrollmentsOf = new HashMap<>();
        Map<StudentYear, List<AttendanceDerivation.Event>> eventsOf = new HashMap<>();
        readEnrollmentsAndEvents(keys, schools, enrollmentsOf, eventsOf);
        Map<StudentYear, ObjectNode> rows = new LinkedHashMap<>();
        int unmapped = 0;
        for (StudentYear k : keys) {
            UUID school = schools.get(k.schoolId());
            if (school == null) {
                continue;
            }
            AttendanceDerivation.Calendar sessions = sessionCache.computeIfAbsent(k.schoolId() + "/" + k.schoolYear(), x -> {
                List<AttendanceDerivation.Session> out = new ArrayList<>();
                for (StoredResource r : store.of(ResourceType.SESSIONS.path(), k.schoolId(), k.schoolYear(), null)) {
                    JsonNode b = read(r.body());
                    out.add(new AttendanceDerivation.Session(LocalDate.parse(b.get("beginDate").asText()),
                            LocalDate.parse(b.get("endDate").asText()), b.get("totalInstructionalDays").asInt()));
                }
                return AttendanceDerivation.calendar(out);
            });
            List<AttendanceDerivation.Enrollment> enrollments = enrollmentsOf.getOrDefault(k.schoolId() + "|" + k.studentUniqueId(), List.of());
            List<AttendanceDerivation.Event> events = eventsOf.getOrDefault(k, List.of());
            var derived = AttendanceDerivation.derive(sessions, enrollments, events, categories);
            if (derived.isEmpty()) {
                continue;
            }
            unmapped += derived.get().unmappedEvents();
            ObjectNode row = mapper.createObjectNode();
            row.put("schoolId", school.toString());
            row.put("schoolYear", StudentYear.suiteSchoolYear(k.schoolYear()));
            row.put("studentId", k.studentUniqueId());
            row.put("daysEnrolled", derived.get().daysEnrolled());
            row.put("daysAbsent", derived.get().daysAbsent());
            rows.put(k, row);
        }
        if (unmapped > 0) {
            LOG.warnf("%d attendance events have a category without a mapping and were not counted", unmapped);
        }
        return rows;
    }

    /**
     * The enrollments (per "school|student") and events (per record) of the records of mapped schools, as the derivation
     * reads them: dates parsed here (a stored date that does not parse fails the pass, and the record is then derived
     * alone and, failing again, parked), durations as the numbers stored.
     */
    private void readEnrollmentsAndEvents(Set<StudentYear> keys, Map<Long, UUID> schools,
                                          Map<String, List<AttendanceDerivation.Enrollment>> enrollmentsOf,
                                          Map<StudentYear, List<AttendanceDerivation.Event>> eventsOf) {
        List<Long> pairSchools = new ArrayList<>();
        List<String> pairStudents = new ArrayList<>();
        List<Long> keySchools = new ArrayList<>();
        List<Integer> keyYears = new ArrayList<>();
        List<String> keyStudents = new ArrayList<>();
        Set<String> pairs = new java.util.HashSet<>();
        for (StudentYear k : keys) {
            if (!schools.containsKey(k.schoolId())) {
                continue;
            }
            if (pairs.add(k.schoolId() + "|" + k.studentUniqueId())) {
                pairSchools.add(k.schoolId());
                pairStudents.add(k.studentUniqueId());
            }
            keySchools.add(k.schoolId());
            keyYears.add(k.schoolYear());
            keyStudents.add(k.studentUniqueId());
        }
        for (ResourceStore.EnrollmentDates e : store.enrollmentDates(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(), pairSchools, pairStudents)) {
            enrollmentsOf.computeIfAbsent(e.schoolId() + "|" + e.student(), x -> new ArrayList<>()).add(new AttendanceDerivation.Enrollment(
                    LocalDate.parse(e.entryDate()), e.exitWithdrawDate() == null ? null : LocalDate.parse(e.exitWithdrawDate())));
        }
        for (ResourceStore.EventFields e : store.eventFields(ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS.path(), keySchools, keyYears, keyStudents)) {
            eventsOf.computeIfAbsent(new StudentYear(e.schoolId(), e.schoolYear(), e.student()), x -> new ArrayList<>())
                    .add(new AttendanceDerivation.Event(LocalDate.parse(e.eventDate()),
                            // a stored event without its category is damaged: the pass fails (and is parked), as before
                            Descriptor.parse(java.util.Objects.requireNonNull(e.category(), "stored attendance event without a category")),
                            e.duration() == null ? null : new java.math.BigDecimal(e.duration())));
        }
    }

    /**
     * What to send for some student assessment keys: per key the record derived now (none when nothing derives) and
     * the record sent before that it replaces under another natural key, or that nothing replaces (to retract).
     */
    public record AssessmentPlan(AssessmentKey key, String sourceKey, ObjectNode row, SentStore.Sent send, SentStore.Sent retract) {
    }

    @Transactional
    public List<AssessmentPlan> deriveAssessments(Set<AssessmentKey> keys) {
        Map<Long, UUID> schools = mappings.schools();
        AssessmentDerivation.Mappings m = assessmentMappings();
        List<AssessmentPlan> out = new ArrayList<>();
        for (AssessmentKey k : keys) {
            ObjectNode filter = mapper.createObjectNode();
            filter.putObject("assessmentReference").put("assessmentIdentifier", k.assessmentIdentifier()).put("namespace", k.namespace());
            filter.putObject("studentReference").put("studentUniqueId", k.studentUniqueId());
            // only the results written for the key's school (their school was authorised and fixed at the write): another
            // school's results, or an enrollment elsewhere, never change this school's record (review finding 1)
            // a result of no school (a district administrator's without a reported school) counts for the school of the
            // student's only enrollment its date falls in, now (review of edfi5, M1: it is never made a school's for good),
            // among the enrollments a district-wide writer wrote last: an SIS's enrollment neither places it at its school
            // nor makes its placement ambiguous (docs/security.md T27)
            List<AssessmentDerivation.Result> results = new ArrayList<>();
            List<AssessmentDerivation.Enrollment> enrollments = null;
            for (StoredResource r : store.matching(ResourceType.STUDENT_ASSESSMENTS.path(), filter.toString(), k.schoolYear())) {
                JsonNode body = read(r.body());
                if (r.schoolId() == null) {
                    if (enrollments == null) {
                        enrollments = new ArrayList<>();
                        for (StoredResource e : store.ofStudentByDistrictWideWriters(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(),
                                k.studentUniqueId())) {
                            enrollments.add(enrollment(e, read(e.body())));
                        }
                    }
                    Long placed = AssessmentDerivation.schoolOf(null, EdFiDocument.administrationDateOf(body), k.schoolYear(), enrollments);
                    if (placed != null && placed == k.schoolId()) {
                        results.add(result(body, k.schoolId()));
                    }
                } else if (r.schoolId() == k.schoolId()) {
                    results.add(result(body, k.schoolId()));
                }
            }
            JsonNode assessment = store.byKey(ResourceType.ASSESSMENTS.path(), assessmentNaturalKey(k.namespace(), k.assessmentIdentifier()))
                    .map(a -> read(a.body())).orElse(null);
            List<Descriptor> subjects = assessment == null ? null : subjects(assessment);
            AssessmentDerivation.Outcome o = AssessmentDerivation.derive(k.schoolYear(), subjects,
                    assessment == null ? Map.of() : scoreRanges(assessment), results, List.of(), m);
            ObjectNode row = null;
            SentStore.Sent send = null;
            if (o.record().isPresent() && schools.containsKey(o.record().get().school())) {
                AssessmentDerivation.Derived d = o.record().get();
                send = new SentStore.Sent(schools.get(d.school()), StudentYear.suiteSchoolYear(k.schoolYear()), k.studentUniqueId(),
                        d.subject(), AssessmentDerivation.testCode(k.namespace(), k.assessmentIdentifier()));
                row = mapper.createObjectNode();
                row.put("schoolId", send.schoolId().toString());
                row.put("schoolYear", send.schoolYear());
                row.put("studentId", send.studentId());
                row.put("subject", send.subject());
                row.put("testCode", send.testCode());
                if (d.gradeLevel() != null) {
                    row.put("gradeLevel", d.gradeLevel());
                }
                if (d.performanceLevel() != null) {
                    row.put("performanceLevel", d.performanceLevel());
                }
                if (d.scaleScore() != null) {
                    row.put("scaleScore", d.scaleScore());
                }
                if (d.participation() != null) {
                    row.put("participation", d.participation());
                }
            }
            String sourceKey = sourceKey(k);
            SentStore.Sent before = sent.byKey(sourceKey).orElse(null);
            SentStore.Sent retract = before != null && !before.equals(send) ? before : null;
            if (row != null || retract != null) {
                out.add(new AssessmentPlan(k, sourceKey, row, send, retract));
            }
        }
        return out;
    }

    /** The attendance records last sent for these record keys (RecordKeys.key of a student-year). */
    @Transactional
    public Map<String, SentStore.SentAttendance> attendanceSent(java.util.Collection<String> keys) {
        return sent.attendanceOf(keys);
    }

    /** Of these natural keys, those another record of the door still holds at performance-service. */
    @Transactional
    public java.util.Set<SentStore.SentAttendance> attendanceHeldElsewhere(
            java.util.Collection<SentStore.SentAttendance> naturalKeys, java.util.Collection<String> excluding) {
        return sent.attendanceHeldBy(naturalKeys, excluding);
    }

    /** Remembers the attendance records performance-service now has, and forgets those it no longer has. */
    @Transactional
    public void recordAttendance(Map<String, SentStore.SentAttendance> sentNow, java.util.Collection<String> retracted) {
        sent.removeAttendance(retracted);
        sent.putAttendance(sentNow);
    }

    /** Remembers what performance-service now has for these keys. */
    @Transactional
    public void recordSent(List<AssessmentPlan> done) {
        for (AssessmentPlan p : done) {
            if (p.send() != null) {
                sent.put(p.sourceKey(), p.send());
            } else {
                sent.remove(p.sourceKey());
            }
        }
    }

    AssessmentDerivation.Mappings assessmentMappings() {
        Map<Descriptor, Integer> levels = new HashMap<>();
        Map<Descriptor, String> subjects = new HashMap<>();
        Set<Descriptor> scale = new java.util.HashSet<>();
        for (DescriptorMapping d : mappings.descriptors(null)) {
            switch (d.kind()) {
                case PERFORMANCE_LEVEL -> levels.put(d.descriptor(), Integer.parseInt(d.value()));
                case ACADEMIC_SUBJECT -> subjects.put(d.descriptor(), d.value());
                case REPORTING_METHOD -> {
                    if ("SCALE_SCORE".equals(d.value())) {
                        scale.add(d.descriptor());
                    }
                }
            }
        }
        return new AssessmentDerivation.Mappings(levels, subjects, scale);
    }

    /** A stored studentAssessment as the derivation reads it, placed at the school it was written for. */
    static AssessmentDerivation.Result result(JsonNode b, long school) {
        AssessmentDerivation.Result r = result(b);
        return new AssessmentDerivation.Result(school, r.administered(), r.grade(), r.notTested(), r.performanceLevels(), r.scores());
    }

    static AssessmentDerivation.Result result(JsonNode b) {
        List<Descriptor> levels = new ArrayList<>();
        for (ObjectNode p : EdFiDocument.entries(b, "performanceLevels")) {
            levels.add(Descriptor.parse(p.path("performanceLevelDescriptor").asText(null)));
        }
        List<AssessmentDerivation.Score> scores = new ArrayList<>();
        for (ObjectNode s : EdFiDocument.entries(b, "scoreResults")) {
            scores.add(new AssessmentDerivation.Score(Descriptor.parse(s.path("assessmentReportingMethodDescriptor").asText(null)),
                    s.path("result").asText(null)));
        }
        JsonNode reported = b.path("reportedSchoolReference").path("schoolId");
        return new AssessmentDerivation.Result(reported.isIntegralNumber() ? reported.asLong() : null, EdFiDocument.administrationDateOf(b),
                Descriptor.parse(b.path("whenAssessedGradeLevelDescriptor").asText(null)), b.hasNonNull("reasonNotTestedDescriptor"),
                levels, scores);
    }

    /** The score ranges the assessment declares, by reporting method (numeric bounds only, the minimum not above). */
    static Map<Descriptor, AssessmentDerivation.Range> scoreRanges(JsonNode assessment) {
        Map<Descriptor, AssessmentDerivation.Range> out = new java.util.HashMap<>();
        for (ObjectNode s : EdFiDocument.entries(assessment, "scores")) {
            Descriptor method = Descriptor.parse(s.path("assessmentReportingMethodDescriptor").asText(null));
            AssessmentDerivation.Range r = AssessmentDerivation.range(s.path("minimumScore").asText(null),
                    s.path("maximumScore").asText(null));
            if (method != null && r != null) {
                out.putIfAbsent(method, r);
            }
        }
        return out;
    }

    static List<Descriptor> subjects(JsonNode assessment) {
        List<Descriptor> out = new ArrayList<>();
        for (ObjectNode s : EdFiDocument.entries(assessment, "academicSubjects")) {
            out.add(Descriptor.parse(s.path("academicSubjectDescriptor").asText(null)));
        }
        return out;
    }

    static AssessmentDerivation.Enrollment enrollment(StoredResource r, JsonNode b) {
        JsonNode exit = b.get("exitWithdrawDate");
        JsonNode year = b.path("schoolYearTypeReference").path("schoolYear");
        return new AssessmentDerivation.Enrollment(r.schoolId(), LocalDate.parse(b.get("entryDate").asText()),
                exit == null || exit.isNull() ? null : LocalDate.parse(exit.asText()), year.isIntegralNumber() ? year.asInt() : null);
    }

    /** The natural key column of an assessment (as EdFiDocument writes it). */
    String assessmentNaturalKey(String namespace, String identifier) {
        return mapper.createArrayNode().add(identifier).add(namespace).toString();
    }

    /** The key of what was sent for an assessment record (the AssessmentKey as JSON, its Ed-Fi school last). */
    String sourceKey(AssessmentKey k) {
        return mapper.createArrayNode().add(k.namespace()).add(k.assessmentIdentifier()).add(k.studentUniqueId()).add(k.schoolYear())
                .add(k.schoolId()).toString();
    }

    private JsonNode read(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }
}
