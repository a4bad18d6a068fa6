package org.portfolio.edfi.service;

import org.portfolio.edfi.domain.CategoryMapping;
import org.portfolio.edfi.domain.SchoolMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.edfi.domain.Descriptor;
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
        if (namespace == null || namespace.isBlank() || namespace.length() > Descriptor.MAX_NAMESPACE || namespace.contains("#")
                || !namespace.strip().equals(namespace)) {
            throw ProblemException.invalid("namespace", "must be a descriptor namespace (up to 255 characters, without #), "
                    + "e.g. uri://ed-fi.org/AttendanceEventCategoryDescriptor");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            if (c == null || c.codeValue() == null || c.codeValue().isBlank() || c.codeValue().length() > Descriptor.MAX_CODE_VALUE
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
        java.time.Instant now = java.time.Instant.now();
        List<CategoryMapping> rows = categories.stream().map(c -> new CategoryMapping(namespace, c.codeValue(),
                c.absence(), c.absence() ? c.weight() : BigDecimal.ZERO, caller.id(), now)).toList();
        store.replaceCategories(namespace, rows, caller.id());
        Set<StudentYear> out = new TreeSet<>();
        for (Object[] k : resources.eventKeysOfNamespace(events, namespace)) {
            out.add(new StudentYear((Long) k[0], (Integer) k[1], (String) k[2]));
        }
        return new Replaced(rows, out);
    }

    /** Maps an Ed-Fi school to one of ours; its students' records are derived and sent again. */
    @Transactional
    public Set<StudentYear> mapSchool(long edfiSchoolId, UUID schoolId) {
        if (edfiSchoolId < 1 || edfiSchoolId > 999_999_999_999L) {
            throw ProblemException.invalid("edfiSchoolId", "must be a whole number from 1 to 999999999999");
        }
        resources.lockSchool(edfiSchoolId);
        store.putSchool(edfiSchoolId, schoolId, caller.id());
        Set<StudentYear> out = new TreeSet<>();
        List<Integer> years = resources.sessionYears(ResourceType.SESSIONS.path(), edfiSchoolId);
        for (String s : resources.students(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.path(), edfiSchoolId)) {
            for (Integer y : years) {
                out.add(new StudentYear(edfiSchoolId, y, s));
            }
        }
        return out;
    }
}
