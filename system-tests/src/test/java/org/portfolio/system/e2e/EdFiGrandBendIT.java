package org.portfolio.system.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.gateway.RunningStack;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17: an SIS loads Ed-Fi's own sample district (Grand Bend, test resources edfi-grand-bend/, Apache-2.0) through
 * the Ed-Fi door as an Ed-Fi client would — discovery at /edfi/, a token from the oauth url it names, then schools,
 * sessions, enrollments and 1,917 attendance events POSTed one by one over 8 connections to the dataManagementApi — and
 * the suite's numbers for each school (the student attendance records, and the CHRONIC_ABSENTEEISM metric performance
 * computes from them) equal those computed here, independently, from the XML. A retraction (DELETE of an event) changes
 * the student's record.
 *
 * <p>Phase 2: the 4 state assessments and their 34 results are converted to the Ed-Fi JSON an SIS posts; once the
 * district has mapped Ed-Fi's performance levels (Met Standard = the suite's level 3, proficient), subjects (Mathematics =
 * MATH, Reading = ELA) and the vertical score as the scale score, each school's records in performance-service — tested,
 * proficient and not tested per subject and grade — and its MATH_ and ELA_PROFICIENCY equal those counted here from the
 * XML; a DELETE of a result retracts its record through performance-service's corrections and the metric follows.
 *
 * <p>The sample's StudentEnrollment.xml is not part of the resources: each student is enrolled (a studentSchoolAssociation
 * from the first day of the school's first session, no exit, grade the school's lowest) at the school of their attendance
 * events — every student has events at one school only. Days enrolled are then the sessions' instructional days, 81 + 88.
 */
@ExtendWith(RunningStack.class)
class EdFiGrandBendIT {

    static final String NS = "uri://ed-fi.org/AttendanceEventCategoryDescriptor";
    /** The district's mapping of the sample's categories, used below for the expected values too. */
    static final Map<String, BigDecimal> ABSENCE_WEIGHTS = Map.of("Excused Absence", BigDecimal.ONE, "Unexcused Absence", BigDecimal.ONE,
            "Partial", new BigDecimal("0.5"));
    static final ObjectMapper JSON = new ObjectMapper();

    private final District district;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EdFiGrandBendIT(RunningStack.Stack running) {
        this.district = new District(running.stack());
    }

    record Session(long school, String name, String begin, String end, String term, int days) {
    }

    record Event(long school, String student, String date, String category, BigDecimal duration, String session) {
    }

    @Test
    void grandBendsAttendanceThroughTheEdFiDoorGivesEachSchoolTheAbsencesOfItsXml() throws Exception {
        Document org = xml("EducationOrganization.xml");
        Document calendar = xml("EducationOrgCalendar.xml");
        Document attendance = xml("StudentSchoolAttendance.xml");

        // the district registers and opens its three schools, and maps the Ed-Fi ids and the sample's categories
        Map<Long, ObjectNode> schools = new LinkedHashMap<>();
        Map<Long, String> lowestGrade = new HashMap<>();
        for (Element s : elements(org.getDocumentElement(), "School")) {
            long id = Long.parseLong(text(s, "SchoolId"));
            ObjectNode doc = JSON.createObjectNode().put("schoolId", id).put("nameOfInstitution", text(s, "NameOfInstitution"))
                    .put("shortNameOfInstitution", text(s, "ShortNameOfInstitution"));
            doc.putArray("educationOrganizationCategories").addObject()
                    .put("educationOrganizationCategoryDescriptor", text(s, "EducationOrganizationCategory"));
            var grades = doc.putArray("gradeLevels");
            for (Element g : elements(s, "GradeLevel")) {
                grades.addObject().put("gradeLevelDescriptor", g.getTextContent().trim());
            }
            lowestGrade.put(id, elements(s, "GradeLevel").get(0).getTextContent().trim());
            schools.put(id, doc);
        }
        assertThat(schools.keySet()).containsExactly(255901001L, 255901044L, 255901107L);
        Map<Long, UUID> ours = new LinkedHashMap<>();
        UUID body = district.oversightBody();
        for (long id : schools.keySet()) {
            ours.put(id, district.openSchool(body).id());
        }
        String admin = district.admin();
        for (Map.Entry<Long, UUID> e : ours.entrySet()) {
            await("performance-service knows " + e.getValue()).atMost(Duration.ofSeconds(30))
                    .until(() -> district.anonymous().get("/api/performance/schools").asString().contains(e.getValue().toString()));
            district.as(admin).body(Map.of("edfiSchoolId", e.getKey(), "schoolId", e.getValue().toString())).post("/edfi/mappings/schools")
                    .then().statusCode(200);
        }
        district.as(admin).queryParam("namespace", NS).body(List.of(
                        Map.of("codeValue", "Excused Absence", "absence", true, "weight", 1),
                        Map.of("codeValue", "Unexcused Absence", "absence", true, "weight", 1),
                        Map.of("codeValue", "Partial", "absence", true, "weight", new BigDecimal("0.5")),
                        Map.of("codeValue", "Tardy", "absence", false),
                        Map.of("codeValue", "In Attendance", "absence", false),
                        Map.of("codeValue", "Early departure", "absence", false)))
                .put("/edfi/mappings/attendance-categories").then().statusCode(200);

        // the SIS is an Ed-Fi client: it reads the version document, gets its token where it says, posts where it says
        Response created = district.as(admin).body(Map.of("name", "Grand Bend SIS " + UUID.randomUUID(), "roles", List.of("SIS"),
                "schools", List.copyOf(ours.values()))).post("/api/admin/clients");
        created.then().statusCode(201);
        // an Ed-Fi client's base URL ends with a slash (the contract check knows the path without it: plain HTTP here)
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(district.stack().url("gateway") + "/edfi/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        JsonNode version = JSON.readTree(root.body());
        assertThat(version.at("/dataModels/0/version").asText()).startsWith("5.");
        String basic = Base64.getEncoder().encodeToString((created.<String>path("clientId") + ":" + created.<String>path("clientSecret"))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokenAnswer = http.send(HttpRequest.newBuilder(URI.create(version.at("/urls/oauth").asText()))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokenAnswer.statusCode()).as(tokenAnswer.body()).isEqualTo(200);
        String sis = JSON.readTree(tokenAnswer.body()).get("access_token").asText();
        String data = version.at("/urls/dataManagementApi").asText() + "ed-fi/";
        assertThat(data).startsWith(district.stack().url("gateway"));

        // what the XML says
        List<Session> sessions = new ArrayList<>();
        for (Element s : elements(calendar.getDocumentElement(), "Session")) {
            sessions.add(new Session(Long.parseLong(text(s, "SchoolId")), text(s, "SessionName"), text(s, "BeginDate"), text(s, "EndDate"),
                    text(s, "Term"), Integer.parseInt(text(s, "TotalInstructionalDays"))));
        }
        List<Event> events = new ArrayList<>();
        for (Element e : elements(attendance.getDocumentElement(), "StudentSchoolAttendanceEvent")) {
            String duration = text(e, "EventDuration");
            events.add(new Event(Long.parseLong(text(e, "SchoolId")), text(e, "StudentUniqueId"), text(e, "EventDate"),
                    text(e, "AttendanceEventCategory"), duration == null ? null : new BigDecimal(duration), text(e, "SessionName")));
        }
        assertThat(sessions).hasSize(6);
        assertThat(events).hasSize(1917);
        Map<Long, Map<String, Boolean>> students = new TreeMap<>();
        events.forEach(e -> students.computeIfAbsent(e.school(), x -> new TreeMap<>()).put(e.student(), true));

        // load, in Ed-Fi's dependency order
        for (ObjectNode s : schools.values()) {
            assertThat(send("POST", data + "schools", sis, s).statusCode()).isIn(200, 201);
        }
        for (Session s : sessions) {
            ObjectNode doc = JSON.createObjectNode();
            doc.putObject("schoolReference").put("schoolId", s.school());
            doc.putObject("schoolYearTypeReference").put("schoolYear", 2022);
            doc.put("sessionName", s.name()).put("beginDate", s.begin()).put("endDate", s.end()).put("termDescriptor", s.term())
                    .put("totalInstructionalDays", s.days());
            assertThat(send("POST", data + "sessions", sis, doc).statusCode()).isIn(200, 201);
        }
        List<ObjectNode> enrollments = new ArrayList<>();
        for (var school : students.entrySet()) {
            String first = sessions.stream().filter(s -> s.school() == school.getKey()).map(Session::begin).sorted().findFirst().orElseThrow();
            for (String student : school.getValue().keySet()) {
                ObjectNode doc = JSON.createObjectNode();
                doc.putObject("studentReference").put("studentUniqueId", student);
                doc.putObject("schoolReference").put("schoolId", school.getKey());
                doc.put("entryDate", first).put("entryGradeLevelDescriptor", lowestGrade.get(school.getKey()));
                doc.putObject("schoolYearTypeReference").put("schoolYear", 2022);
                enrollments.add(doc);
            }
        }
        long t0 = System.nanoTime();
        postAll(data + "studentSchoolAssociations", sis, enrollments);
        List<ObjectNode> eventDocs = new ArrayList<>();
        for (Event e : events) {
            ObjectNode doc = JSON.createObjectNode().put("attendanceEventCategoryDescriptor", e.category()).put("eventDate", e.date());
            doc.putObject("schoolReference").put("schoolId", e.school());
            doc.putObject("sessionReference").put("schoolId", e.school()).put("schoolYear", 2022).put("sessionName", e.session());
            doc.putObject("studentReference").put("studentUniqueId", e.student());
            if (e.duration() != null) {
                doc.put("eventDuration", e.duration());
            }
            eventDocs.add(doc);
        }
        postAll(data + "studentSchoolAttendanceEvents", sis, eventDocs);
        long posted = System.nanoTime();
        // the answers come once the resources are stored; the derived records follow through the door's queue
        drained(admin);
        System.out.printf("[edfi] Grand Bend: %d enrollments and %d attendance events posted one by one over 8 connections in %d ms; "
                + "derivation queue drained %d ms after the last answer%n", enrollments.size(), eventDocs.size(),
                (posted - t0) / 1_000_000, (System.nanoTime() - posted) / 1_000_000);

        // expected, from the XML alone: per student and day the mapped weight x duration (at most a day); 169 days enrolled
        int enrolledDays = sessions.stream().filter(s -> s.school() == 255901001L).mapToInt(Session::days).sum();
        assertThat(enrolledDays).isEqualTo(169);
        for (long school : schools.keySet()) {
            Map<String, Map<String, BigDecimal>> perDay = new TreeMap<>();
            for (Event e : events) {
                if (e.school() != school) {
                    continue;
                }
                BigDecimal w = ABSENCE_WEIGHTS.getOrDefault(e.category().substring(e.category().indexOf('#') + 1), BigDecimal.ZERO);
                perDay.computeIfAbsent(e.student(), x -> new TreeMap<>())
                        .merge(e.date(), w.multiply(e.duration() == null ? BigDecimal.ONE : e.duration()), BigDecimal::add);
            }
            Map<String, BigDecimal> expectedAbsent = new TreeMap<>();
            perDay.forEach((student, days) -> expectedAbsent.put(student,
                    days.values().stream().map(v -> v.min(BigDecimal.ONE)).reduce(BigDecimal.ZERO, BigDecimal::add)));
            BigDecimal expectedTotal = expectedAbsent.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            long chronic = expectedAbsent.values().stream()
                    .filter(a -> a.multiply(BigDecimal.TEN).compareTo(BigDecimal.valueOf(enrolledDays)) >= 0).count();

            JsonNode records = JSON.readTree(district.as(sis).queryParam("schoolId", ours.get(school).toString())
                    .queryParam("schoolYear", "2021-22").queryParam("size", 1000).get("/api/performance/student-records/attendance")
                    .then().statusCode(200).extract().asString());
            assertThat(records.get("total").asLong()).as("students of " + school).isEqualTo(expectedAbsent.size());
            BigDecimal total = BigDecimal.ZERO;
            for (JsonNode r : records.get("items")) {
                assertThat(r.get("daysEnrolled").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(enrolledDays));
                assertThat(r.get("daysAbsent").decimalValue()).as(school + " student record").isEqualByComparingTo(expectedAbsent.get(r.get("studentId").asText()));
                total = total.add(r.get("daysAbsent").decimalValue());
            }
            assertThat(total).as("days absent at " + school).isEqualByComparingTo(expectedTotal);

            BigDecimal expectedRate = BigDecimal.valueOf(chronic * 100).divide(BigDecimal.valueOf(expectedAbsent.size()), 1, RoundingMode.HALF_UP);
            JsonNode metric = chronicAbsenteeism(admin, ours.get(school));
            assertThat(metric.get("n").asInt()).as("n of CHRONIC_ABSENTEEISM at " + school).isEqualTo(expectedAbsent.size());
            assertThat(metric.get("value").decimalValue()).as("CHRONIC_ABSENTEEISM at " + school).isEqualByComparingTo(expectedRate);
            System.out.printf("[edfi] %d: %d students, %s days absent, %d chronically absent (%s%%), as the XML says%n",
                    school, expectedAbsent.size(), expectedTotal.toPlainString(), chronic, expectedRate.toPlainString());
        }

        // a retraction: one excused absence deleted, the student's record has a day less
        Event whole = events.stream().filter(e -> e.category().endsWith("#Excused Absence") && e.duration() != null
                && e.duration().compareTo(BigDecimal.ONE) == 0 && events.stream().filter(o -> o.student().equals(e.student())
                && o.date().equals(e.date())).count() == 1).findFirst().orElseThrow();
        UUID school = ours.get(whole.school());
        BigDecimal before = absent(sis, school, whole.student());
        JsonNode found = JSON.readTree(district.as(sis).queryParam("studentUniqueId", whole.student()).queryParam("eventDate", whole.date())
                .queryParam("schoolId", whole.school()).get("/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents").then().statusCode(200)
                .extract().asString());
        assertThat(found).hasSize(1);
        district.as(sis).delete("/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents/" + found.get(0).get("id").asText()).then().statusCode(204);
        drained(admin);
        assertThat(absent(sis, school, whole.student())).isEqualByComparingTo(before.subtract(BigDecimal.ONE));

        // --- phase 2: the state assessments and their results ---------------------------------------------
        Document metadata = xml("AssessmentMetadata-StateAssessment.xml");
        Document results = xml("StudentAssessment-StateAssessment.xml");
        List<ObjectNode> assessments = new ArrayList<>();
        Map<String, String> subjectOf = new HashMap<>();
        for (Element a : elements(metadata.getDocumentElement(), "Assessment")) {
            ObjectNode doc = JSON.createObjectNode().put("assessmentIdentifier", text(a, "AssessmentIdentifier"))
                    .put("namespace", directText(a, "Namespace")).put("assessmentTitle", text(a, "AssessmentTitle"))
                    .put("assessmentCategoryDescriptor", text(a, "AssessmentCategory"));
            doc.putArray("academicSubjects").addObject().put("academicSubjectDescriptor", text(a, "AcademicSubject"));
            doc.putArray("assessedGradeLevels").addObject().put("gradeLevelDescriptor", text(a, "AssessedGradeLevel"));
            var scores = doc.putArray("scores");
            for (Element sc : elements(a, "AssessmentScore")) {
                scores.addObject().put("assessmentReportingMethodDescriptor", text(sc, "AssessmentReportingMethod"))
                        .put("minimumScore", text(sc, "MinimumScore")).put("maximumScore", text(sc, "MaximumScore"))
                        .put("resultDatatypeTypeDescriptor", text(sc, "ResultDatatypeType"));
            }
            var levels = doc.putArray("performanceLevels");
            for (Element pl : elements(a, "AssessmentPerformanceLevel")) {
                levels.addObject().put("performanceLevelDescriptor", text(pl, "PerformanceLevel"))
                        .put("assessmentReportingMethodDescriptor", text(pl, "AssessmentReportingMethod"))
                        .put("minimumScore", text(pl, "MinimumScore")).put("maximumScore", text(pl, "MaximumScore"));
            }
            subjectOf.put(text(a, "AssessmentIdentifier"), text(a, "AcademicSubject"));
            assessments.add(doc);
        }
        assertThat(assessments).hasSize(4);
        for (ObjectNode a : assessments) {
            assertThat(send("POST", data + "assessments", sis, a).statusCode()).isIn(200, 201);
        }
        // what the assessments use and nobody mapped is reported, not guessed (another test of the same stack may have
        // mapped some of Ed-Fi's descriptors already: the mappings below replace them, and afterwards none is reported)
        district.as(admin).get("/edfi/mappings/unmapped").then().statusCode(200);
        // the district maps them: Ed-Fi's levels to the suite's (proficient = level 3, the default framework's), the
        // subjects to MATH and ELA, and the vertical score as the scale score
        district.as(admin).queryParam("namespace", "uri://ed-fi.org/PerformanceLevelDescriptor").body(List.of(
                        Map.of("codeValue", "Did Not Meet Standard", "performanceLevel", 2),
                        Map.of("codeValue", "Met Standard", "performanceLevel", 3),
                        Map.of("codeValue", "Advanced", "performanceLevel", 4)))
                .put("/edfi/mappings/performance-levels").then().statusCode(200);
        district.as(admin).queryParam("namespace", "uri://ed-fi.org/AcademicSubjectDescriptor").body(List.of(
                        Map.of("codeValue", "Mathematics", "subject", "MATH"), Map.of("codeValue", "Reading", "subject", "ELA")))
                .put("/edfi/mappings/academic-subjects").then().statusCode(200);
        district.as(admin).queryParam("namespace", "uri://ed-fi.org/AssessmentReportingMethodDescriptor").body(List.of(
                        Map.of("codeValue", "Vertical score", "scaleScore", true), Map.of("codeValue", "Raw score", "scaleScore", false),
                        Map.of("codeValue", "Lexile Measure", "scaleScore", false)))
                .put("/edfi/mappings/reporting-methods").then().statusCode(200);

        JsonNode unmapped = JSON.readTree(district.as(admin).get("/edfi/mappings/unmapped").then().statusCode(200).extract().asString());
        unmapped.forEach(u -> assertThat(u.get("descriptor").asText()).as("mapped now").isNotIn(
                "uri://ed-fi.org/AcademicSubjectDescriptor#Mathematics", "uri://ed-fi.org/AcademicSubjectDescriptor#Reading",
                "uri://ed-fi.org/PerformanceLevelDescriptor#Met Standard", "uri://ed-fi.org/PerformanceLevelDescriptor#Advanced",
                "uri://ed-fi.org/PerformanceLevelDescriptor#Did Not Meet Standard", "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Vertical score"));

        // the SIS's results: a student it enrolled is placed by the enrollment; for the others (no attendance event, so
        // no enrollment) it reports the school — the only school of the sample teaching the grade assessed
        Map<String, Long> schoolOfGrade = new HashMap<>();
        for (Element s : elements(org.getDocumentElement(), "School")) {
            for (Element g : elements(s, "GradeLevel")) {
                schoolOfGrade.put(g.getTextContent().trim(), Long.parseLong(text(s, "SchoolId")));
            }
        }
        Map<String, Long> enrolledAt = new HashMap<>();
        students.forEach((sc, ids) -> ids.keySet().forEach(id -> enrolledAt.put(id, sc)));
        record Expected(long school, String subject, String grade) {
        }
        TreeMap<Expected, int[]> expected = new TreeMap<>(java.util.Comparator.comparing((Expected e) -> e.school())
                .thenComparing(Expected::subject).thenComparing(Expected::grade));
        List<ObjectNode> resultDocs = new ArrayList<>();
        String proficientMath = null;
        for (Element r : elements(results.getDocumentElement(), "StudentAssessment")) {
            String student = text(r, "StudentUniqueId");
            String assessmentId = text(r, "AssessmentIdentifier");
            String grade = text(r, "WhenAssessedGradeLevel");
            ObjectNode doc = JSON.createObjectNode().put("studentAssessmentIdentifier", text(r, "StudentAssessmentIdentifier"));
            doc.putObject("assessmentReference").put("assessmentIdentifier", assessmentId).put("namespace", text(r, "Namespace"));
            doc.putObject("studentReference").put("studentUniqueId", student);
            String year = text(r, "SchoolYear");
            doc.putObject("schoolYearTypeReference").put("schoolYear", Integer.parseInt(year.substring(year.indexOf('-') + 1)));
            doc.put("administrationDate", text(r, "AdministrationDate")).put("serialNumber", text(r, "SerialNumber"))
                    .put("administrationLanguageDescriptor", text(r, "AdministrationLanguage"))
                    .put("administrationEnvironmentDescriptor", text(r, "AdministrationEnvironment"))
                    .put("whenAssessedGradeLevelDescriptor", grade);
            if (text(r, "ReasonNotTested") != null) {
                doc.put("reasonNotTestedDescriptor", text(r, "ReasonNotTested"));
            }
            var scoreResults = doc.putArray("scoreResults");
            for (Element sc : children(r, "ScoreResult")) {
                scoreResults.addObject().put("assessmentReportingMethodDescriptor", text(sc, "AssessmentReportingMethod"))
                        .put("result", text(sc, "Result")).put("resultDatatypeTypeDescriptor", text(sc, "ResultDatatypeType"));
            }
            var levels = doc.putArray("performanceLevels");
            String level = null;
            for (Element pl : children(r, "PerformanceLevel")) {
                level = text(pl, "PerformanceLevel");
                levels.addObject().put("performanceLevelDescriptor", level)
                        .put("assessmentReportingMethodDescriptor", text(pl, "AssessmentReportingMethod"))
                        .put("performanceLevelIndicatorName", text(pl, "PerformanceLevelIndicatorName"));
            }
            long at;
            if (enrolledAt.containsKey(student)) {
                at = enrolledAt.get(student);
            } else {
                at = schoolOfGrade.get(grade);
                doc.putObject("reportedSchoolReference").put("schoolId", at);
            }
            resultDocs.add(doc);
            // expected, from the XML: tested (a performance level) and proficient (Met Standard or Advanced) per school,
            // subject (the assessment's) and grade (when assessed)
            String subject = subjectOf.get(assessmentId).endsWith("#Mathematics") ? "MATH" : "ELA";
            int[] counts = expected.computeIfAbsent(new Expected(at, subject, grade.substring(grade.indexOf('#') + 1)), x -> new int[3]);
            if (level == null) {
                counts[2]++;
            } else {
                counts[0]++;
                if (level.endsWith("#Met Standard") || level.endsWith("#Advanced")) {
                    counts[1]++;
                    if (subject.equals("MATH") && proficientMath == null && at == 255901107L) {
                        proficientMath = doc.get("studentAssessmentIdentifier").asText();
                    }
                }
            }
        }
        assertThat(resultDocs).hasSize(34);
        t0 = System.nanoTime();
        postAll(data + "studentAssessments", sis, resultDocs);
        drained(admin);
        System.out.printf("[edfi] Grand Bend: %d assessments and %d student assessments posted in %d ms%n", assessments.size(),
                resultDocs.size(), (System.nanoTime() - t0) / 1_000_000);

        Map<String, String> grades = Map.of("Fifth grade", "5", "Eighth grade", "8");
        for (long sc : schools.keySet()) {
            JsonNode records = JSON.readTree(district.as(sis).queryParam("schoolId", ours.get(sc).toString())
                    .queryParam("schoolYear", "2021-22").queryParam("size", 1000).get("/api/performance/student-records/assessments")
                    .then().statusCode(200).extract().asString());
            TreeMap<Expected, int[]> actual = new TreeMap<>(java.util.Comparator.comparing((Expected e) -> e.school())
                    .thenComparing(Expected::subject).thenComparing(Expected::grade));
            for (JsonNode r : records.get("items")) {
                String grade = grades.entrySet().stream().filter(g -> g.getValue().equals(r.path("gradeLevel").asText()))
                        .map(Map.Entry::getKey).findFirst().orElse("?" + r.path("gradeLevel").asText());
                int[] c = actual.computeIfAbsent(new Expected(sc, r.get("subject").asText(), grade), x -> new int[3]);
                if ("NOT_TESTED".equals(r.path("participation").asText())) {
                    assertThat(r.has("performanceLevel")).isFalse();
                    c[2]++;
                } else {
                    c[0]++;
                    if (r.get("performanceLevel").asInt() >= 3) {
                        c[1]++;
                    }
                    assertThat(r.get("scaleScore").asInt()).as("the vertical score").isBetween(100, 950);
                }
            }
            TreeMap<Expected, int[]> want = new TreeMap<>(actual.comparator());
            expected.forEach((k, v) -> {
                if (k.school() == sc) {
                    want.put(k, v);
                }
            });
            assertThat(actual.keySet()).as("subjects and grades at " + sc).containsExactlyElementsOf(want.keySet());
            for (var e : want.entrySet()) {
                assertThat(actual.get(e.getKey())).as("tested, proficient, not tested: " + e.getKey()).containsExactly(e.getValue());
                System.out.printf("[edfi] %d %s %s: %d tested, %d proficient, %d not tested, as the XML says%n", sc, e.getKey().subject(),
                        e.getKey().grade(), e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            }
            // and the proficiency metrics performance-service computes from them (each student once per subject)
            for (String subject : List.of("MATH", "ELA")) {
                int tested = want.entrySet().stream().filter(e -> e.getKey().subject().equals(subject)).mapToInt(e -> e.getValue()[0]).sum();
                int proficient = want.entrySet().stream().filter(e -> e.getKey().subject().equals(subject)).mapToInt(e -> e.getValue()[1]).sum();
                JsonNode metric = metric(admin, ours.get(sc), subject + "_PROFICIENCY");
                if (tested == 0) {
                    continue;
                }
                assertThat(metric).as(subject + "_PROFICIENCY at " + sc).isNotNull();
                assertThat(metric.get("n").asInt()).as("n of " + subject + "_PROFICIENCY at " + sc).isEqualTo(tested);
                assertThat(metric.get("value").decimalValue()).as(subject + "_PROFICIENCY at " + sc).isEqualByComparingTo(
                        BigDecimal.valueOf(proficient * 100L).divide(BigDecimal.valueOf(tested), 1, RoundingMode.HALF_UP));
            }
        }

        // a retraction: one proficient MATH result deleted through the Ed-Fi door; performance-service's record goes
        // (a correction naming the Ed-Fi door) and MATH_PROFICIENCY is recomputed without it
        UUID elementary = ours.get(255901107L);
        JsonNode before107 = metric(admin, elementary, "MATH_PROFICIENCY");
        JsonNode toDelete = JSON.readTree(district.as(sis).queryParam("studentAssessmentIdentifier", proficientMath)
                .get("/edfi/data/v3/ed-fi/studentAssessments").then().statusCode(200).extract().asString());
        assertThat(toDelete).hasSize(1);
        district.as(sis).delete("/edfi/data/v3/ed-fi/studentAssessments/" + toDelete.get(0).get("id").asText()).then().statusCode(204);
        drained(admin);
        JsonNode after107 = metric(admin, elementary, "MATH_PROFICIENCY");
        int n = before107.get("n").asInt();
        assertThat(after107.get("n").asInt()).isEqualTo(n - 1);
        BigDecimal proficientBefore = before107.get("value").decimalValue().multiply(BigDecimal.valueOf(n)).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP);
        assertThat(after107.get("value").decimalValue()).isEqualByComparingTo(proficientBefore.subtract(BigDecimal.ONE)
                .multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(n - 1), 1, RoundingMode.HALF_UP));
        JsonNode audit = JSON.readTree(district.as(admin).queryParam("schoolId", elementary.toString()).get("/api/performance/corrections")
                .then().statusCode(200).extract().asString());
        // issue 15: the audit lists the published code; the note (naming the Ed-Fi door) is read from the correction itself
        assertThat(audit.at("/items/0/reasonCode").asText()).isEqualTo("SOURCE_RECORD_CHANGED");
        JsonNode correction = JSON.readTree(district.as(admin).get("/api/performance/corrections/"
                + audit.at("/items/0/correctionId").asText()).then().statusCode(200).extract().asString());
        assertThat(correction.path("note").asText()).contains("Ed-Fi door");
        String deletedStudent = toDelete.get(0).at("/studentReference/studentUniqueId").asText();
        assertThat(JSON.readTree(district.as(sis).queryParam("schoolId", elementary.toString()).queryParam("schoolYear", "2021-22")
                .queryParam("studentId", deletedStudent).queryParam("subject", "MATH").get("/api/performance/student-records/assessments")
                .then().statusCode(200).extract().asString()).get("total").asLong()).isZero();
        resultDocs.forEach(d -> students.computeIfAbsent(0L, x -> new TreeMap<>()).put(d.at("/studentReference/studentUniqueId").asText(), true));

        // the Ed-Fi door logged none of the students it stored (docs/security.md: no personal data in logs)
        String log = java.nio.file.Files.readString(district.stack().log("edfi-service"));
        for (Map<String, Boolean> ids : students.values()) {
            for (String id : ids.keySet()) {
                assertThat(java.util.regex.Pattern.compile("(?<![0-9])" + id + "(?![0-9])").matcher(log).find())
                        .as("student id in edfi-service's log").isFalse();
            }
        }
    }

    /**
     * Waits until the Ed-Fi door's derivation queue is empty (GET /edfi/derivations/status): every write answered so far
     * has reached performance-service (decision 0009: writes are answered once stored, their records follow).
     */
    private void drained(String admin) {
        await("the Ed-Fi derivation queue drained").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> district.as(admin).get("/edfi/derivations/status").then().statusCode(200).extract().jsonPath().getLong("pending") == 0);
        // the sample's own records (and any whose school is not known): other tests of the shared stack leave theirs (the bad-input sweep sends the
        // document's Ed-Fi examples, about a school the sample does not have, and hostile variants of them)
        List<Map<String, Object>> problems = district.as(admin).get("/edfi/derivations/problems").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<Boolean, List<Map<String, Object>>> ours = problems.stream().collect(java.util.stream.Collectors.partitioningBy(
                p -> !(p.get("edfiSchoolId") instanceof Number n) || GRAND_BEND.contains(n.longValue())));
        if (!ours.get(false).isEmpty()) {
            System.out.println("[edfi] derivation problems of other tests' Ed-Fi schools: " + ours.get(false));
        }
        assertThat(ours.get(true)).as("derived records of the sample performance-service rejected").isEmpty();
    }

    /** The sample's three schools. */
    private static final java.util.Set<Long> GRAND_BEND = java.util.Set.of(255901001L, 255901044L, 255901107L);

    private BigDecimal absent(String sis, UUID school, String student) throws Exception {
        JsonNode r = JSON.readTree(district.as(sis).queryParam("schoolId", school.toString()).queryParam("schoolYear", "2021-22")
                .queryParam("studentId", student).get("/api/performance/student-records/attendance").then().statusCode(200).extract().asString());
        return r.at("/items/0/daysAbsent").decimalValue();
    }

    /** A metric of 2021-22 in the school's profile, or null. */
    private JsonNode metric(String admin, UUID school, String code) throws Exception {
        JsonNode profile = JSON.readTree(district.as(admin).get("/api/performance/schools/" + school + "/profile")
                .then().statusCode(200).extract().asString());
        for (JsonNode y : profile.get("years")) {
            if (y.get("schoolYear").asText().equals("2021-22")) {
                for (JsonNode m : y.get("metrics")) {
                    if (m.get("metricCode").asText().equals(code)) {
                        return m;
                    }
                }
            }
        }
        return null;
    }

    private JsonNode chronicAbsenteeism(String admin, UUID school) throws Exception {
        JsonNode profile = JSON.readTree(district.as(admin).get("/api/performance/schools/" + school + "/profile")
                .then().statusCode(200).extract().asString());
        for (JsonNode y : profile.get("years")) {
            if (y.get("schoolYear").asText().equals("2021-22")) {
                for (JsonNode m : y.get("metrics")) {
                    if (m.get("metricCode").asText().equals("CHRONIC_ABSENTEEISM")) {
                        return m;
                    }
                }
            }
        }
        throw new AssertionError("no CHRONIC_ABSENTEEISM for 2021-22 in the profile of " + school + ": " + profile);
    }

    /** POSTs every document, one request each, over 8 connections; every answer must be 200 or 201. */
    private void postAll(String url, String token, List<ObjectNode> docs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (ObjectNode d : docs) {
                answers.add(pool.submit(() -> send("POST", url, token, d)));
            }
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(url + ": " + r.body()).isIn(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> send(String method, String url, String token, JsonNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Document xml(String name) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = EdFiGrandBendIT.class.getResourceAsStream("/edfi-grand-bend/" + name)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> elements(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    /** The child elements of this name (not deeper: a StudentAssessment's own scores, not its objective assessments'). */
    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals(tag)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** The text of the child element of this name, or null. */
    private static String directText(Element parent, String tag) {
        List<Element> c = children(parent, tag);
        return c.isEmpty() ? null : c.get(0).getTextContent().trim();
    }

    /** The text of the first descendant element of this name, or null. */
    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
