package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.portfolio.performance.domain.School;
import org.portfolio.performance.domain.SchoolRating;
import org.portfolio.testing.TestTokens;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Costs that must not grow with the district (issue 18, measured by benchmarks/load with 60, 600 and 2,000 schools):
 * the public performance view pages a school year in SQL, so a page reads its own schools, not the whole year; an
 * SIS upload validates its rows against the school registry without loading every school as an entity.
 */
@QuarkusTest
class LargeDistrictCostTest {

    /** A school year no other test writes to, so this test knows every school in it. */
    static final String YEAR = "2061-62";
    static final int SCHOOLS = 24;

    @Inject
    EntityManagerFactory emf;

    @Test
    void aPageOfTheYearIsCutInSqlAndReadsOnlyItsSchools() {
        String tag = Long.toString(System.nanoTime(), 36);
        List<Fixtures.School> schools = new ArrayList<>();
        // registered in the reverse of their name order, so the order of the page is the sort's, not the insertion's
        for (int i = SCHOOLS - 1; i >= 0; i--) {
            schools.add(0, Fixtures.school("CHARTER", String.format("Page School %s %02d", tag, i)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < SCHOOLS; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schoolId", schools.get(i).id().toString());
            m.put("schoolYear", YEAR);
            m.put("metricCode", "TEACHER_VACANCIES");
            m.put("value", i);
            m.put("n", 40);
            rows.add(m);
        }
        Fixtures.postJson("school-metrics", TestTokens.districtAdmin(), rows).statusCode(201);

        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        stats.setStatisticsEnabled(true);
        stats.clear();
        JsonPath page = given().queryParam("schoolYear", YEAR).queryParam("page", 2).queryParam("size", 5)
                .get("/api/performance/public/schools").then().statusCode(200).extract().jsonPath();
        long schoolLoads = stats.getEntityStatistics(School.class.getName()).getLoadCount();
        long ratingLoads = stats.getEntityStatistics(SchoolRating.class.getName()).getLoadCount();

        // behaviour: the third page of five, by name, with each school's value; the total counts the whole year
        assertThat(page.getList("items.schoolId", String.class))
                .containsExactly(schools.subList(10, 15).stream().map(s -> s.id().toString()).toArray(String[]::new));
        assertThat(page.getLong("total")).isEqualTo(SCHOOLS);
        assertThat(page.getList("items.metrics.flatten().metricCode", String.class)).containsOnly("TEACHER_VACANCIES");
        // cost: only the page's schools are read (the old code read all 24 registry entries and every rating of the year)
        assertThat(schoolLoads).as("School entities read for a page of 5 among %d schools", SCHOOLS).isLessThanOrEqualTo(5);
        assertThat(ratingLoads).as("ratings read for a page of 5").isLessThanOrEqualTo(5);

        // a page past the end: no items, the total still counted
        JsonPath past = given().queryParam("schoolYear", YEAR).queryParam("page", 9).queryParam("size", 5)
                .get("/api/performance/public/schools").then().statusCode(200).extract().jsonPath();
        assertThat(past.getList("items")).isEmpty();
        assertThat(past.getLong("total")).isEqualTo(SCHOOLS);

        // the export still carries the whole year, in the same order
        String csv = given().queryParam("schoolYear", YEAR).get("/api/performance/public/export").then().statusCode(200)
                .extract().asString();
        List<String> ids = csv.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(ids).containsExactly(schools.stream().map(s -> s.id().toString()).toArray(String[]::new));
    }

    @Test
    void anUploadDoesNotLoadTheSchoolRegistryAsEntities() {
        Fixtures.School own = Fixtures.school();
        Fixtures.school();
        Fixtures.School byCode = Fixtures.school();
        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        stats.setStatisticsEnabled(true);
        stats.clear();
        Map<String, Object> unknown = new LinkedHashMap<>(Fixtures.assessment(own.id(), "C3", "ELA", 3, null));
        unknown.put("schoolId", java.util.UUID.randomUUID().toString());
        Map<String, Object> viaCode = new LinkedHashMap<>(Fixtures.assessment(byCode.id(), "C4", "ELA", 2, null));
        viaCode.remove("schoolId");
        viaCode.put("districtCode", byCode.districtCode());
        Fixtures.postJson("assessments", TestTokens.districtAdmin(), List.of(Fixtures.assessment(own.id(), "C1", "ELA", 3, null),
                        Fixtures.assessment(own.id(), "C2", "MATH", 4, null), unknown, viaCode))
                .statusCode(201).body("rowsAccepted", org.hamcrest.Matchers.is(3))
                .body("errors.field", org.hamcrest.Matchers.hasItem("schoolId"));
        // the registry is known to the validation (by id and by district code), yet at most the two schools the upload
        // touches are read as entities (the old code loaded every school of the district, at least the 3 above, and
        // every flush of the upload's transaction then dirty-checked them all)
        assertThat(stats.getEntityStatistics(School.class.getName()).getLoadCount())
                .as("School entities loaded by an upload of 4 rows for 2 schools").isLessThanOrEqualTo(2);
    }
}
