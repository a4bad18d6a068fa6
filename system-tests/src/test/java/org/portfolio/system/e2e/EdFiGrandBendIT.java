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
        System.out.printf("[edfi] Grand Bend: %d enrollments and %d attendance events posted one by one over 8 connections in %d ms%n",
                enrollments.size(), eventDocs.size(), (System.nanoTime() - t0) / 1_000_000);

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
        assertThat(absent(sis, school, whole.student())).isEqualByComparingTo(before.subtract(BigDecimal.ONE));

        // the Ed-Fi door logged none of the students it stored (docs/security.md: no personal data in logs)
        String log = java.nio.file.Files.readString(district.stack().log("edfi-service"));
        for (Map<String, Boolean> ids : students.values()) {
            for (String id : ids.keySet()) {
                assertThat(java.util.regex.Pattern.compile("(?<![0-9])" + id + "(?![0-9])").matcher(log).find())
                        .as("student id in edfi-service's log").isFalse();
            }
        }
    }

    private BigDecimal absent(String sis, UUID school, String student) throws Exception {
        JsonNode r = JSON.readTree(district.as(sis).queryParam("schoolId", school.toString()).queryParam("schoolYear", "2021-22")
                .queryParam("studentId", student).get("/api/performance/student-records/attendance").then().statusCode(200).extract().asString());
        return r.at("/items/0/daysAbsent").decimalValue();
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

    /** The text of the first descendant element of this name, or null. */
    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
