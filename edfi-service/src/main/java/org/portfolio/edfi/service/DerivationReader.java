package org.portfolio.edfi.service;

import org.portfolio.edfi.domain.CategoryMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.edfi.domain.AttendanceDerivation;
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
    ObjectMapper mapper;

    @Transactional
    public Map<StudentYear, ObjectNode> derive(Set<StudentYear> keys) {
        Map<Long, UUID> schools = mappings.schools();
        Map<Descriptor, AttendanceDerivation.Category> categories = new HashMap<>();
        for (CategoryMapping c : mappings.categories()) {
            categories.put(new Descriptor(c.namespace(), c.codeValue()), new AttendanceDerivation.Category(c.absence(), c.weight()));
        }
        Map<String, List<AttendanceDerivation.Session>> sessionCache = new HashMap<>();
        Map<StudentYear, ObjectNode> rows = new LinkedHashMap<>();
        int unmapped = 0;
        for (StudentYear k : keys) {
            UUID school = schools.get(k.schoolId());
            if (school == null) {
                continue;
            }
            List<AttendanceDerivation.Session> sessions = sessionCache.computeIfAbsent(k.schoolId() + "/" + k.schoolYear(), x -> {
                List<AttendanceDerivation.Session> out = new ArrayList<>();
                for (StoredResource r : store.of(ResourceType.SESSIONS.path(), k.schoolId(), k.schoolYear(), null)) {
                    JsonNode b = read(r.body());
                    out.add(new AttendanceDerivation.Session(LocalDate.parse(b.get("beginDate").asText()),
                            LocalDate.parse(b.get("endDate").asText()), b.get("totalInstructionalDays").asInt()));
                }
                return out;
            });
            List<AttendanceDerivation.Enrollment> enrollments = new ArrayList<>();
            for (StoredResource r : store.of(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(), k.schoolId(), null, k.studentUniqueId())) {
                JsonNode b = read(r.body());
                JsonNode exit = b.get("exitWithdrawDate");
                enrollments.add(new AttendanceDerivation.Enrollment(LocalDate.parse(b.get("entryDate").asText()),
                        exit == null || exit.isNull() ? null : LocalDate.parse(exit.asText())));
            }
            List<AttendanceDerivation.Event> events = new ArrayList<>();
            for (StoredResource r : store.of(ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS.path(), k.schoolId(), k.schoolYear(), k.studentUniqueId())) {
                JsonNode b = read(r.body());
                events.add(new AttendanceDerivation.Event(LocalDate.parse(b.get("eventDate").asText()),
                        Descriptor.parse(b.get("attendanceEventCategoryDescriptor").asText()), EdFiDocument.durationOf(b)));
            }
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

    private JsonNode read(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }
}
