package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.AssessmentRecord;
import org.portfolio.performance.domain.AttendanceRecord;
import org.portfolio.performance.repository.StudentRecordStore;
import org.portfolio.platform.web.http.Page;

import java.sql.SQLException;
import java.util.UUID;

/** Reads of student-level records (personal data); the resource enforces who may read which school. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StudentRecordService {

    @Inject
    StudentRecordStore store;

    public Page<AssessmentRecord> assessments(UUID school, String year, String studentId,
                                                                 String subject, int page, int size) throws SQLException {
        return new Page<>(store.assessments(school, year, studentId, subject, page, size), page, size,
                store.countAssessments(school, year, studentId, subject));
    }

    public Page<AttendanceRecord> attendance(UUID school, String year, String studentId, int page,
                                                                   int size) throws SQLException {
        return new Page<>(store.attendance(school, year, studentId, page, size), page, size,
                store.countAttendance(school, year, studentId));
    }
}
