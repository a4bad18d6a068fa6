package org.portfolio.edfi.service;

import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.StudentYear;

import java.util.Set;
import java.util.TreeSet;

/** What a write changes: the attendance records (student-years) and the assessment records to derive and send again. */
public record Affected(Set<StudentYear> attendance, Set<AssessmentKey> assessments) {

    public static Affected none() {
        return new Affected(Set.of(), Set.of());
    }

    public static Affected attendance(Set<StudentYear> keys) {
        return new Affected(keys, Set.of());
    }

    public boolean isEmpty() {
        return attendance.isEmpty() && assessments.isEmpty();
    }

    public Affected plus(Affected o) {
        Set<StudentYear> a = new TreeSet<>(attendance);
        a.addAll(o.attendance);
        Set<AssessmentKey> s = new TreeSet<>(assessments);
        s.addAll(o.assessments);
        return new Affected(a, s);
    }
}
