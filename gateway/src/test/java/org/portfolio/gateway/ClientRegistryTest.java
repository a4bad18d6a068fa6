package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ClientRegistryTest {

    @Test
    void aRegisteredClientGetsItsSecretOnceAndListsWithoutIt() {
        String name = "SIS " + UUID.randomUUID();
        UUID school = UUID.randomUUID();
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "roles", List.of("SIS"), "schools", List.of(school)))
                .post("/api/admin/clients").then().statusCode(201)
                .body("clientId", matchesPattern("cl_[A-Za-z0-9_-]{16}"))
                .body("clientSecret", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("schools", hasItem(school.toString()));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/admin/clients").then().statusCode(200)
                .body("name", hasItem(name))
                .body("", everyItem(not(hasKey("clientSecret"))));
    }

    @Test
    void schoolScopedRolesNeedSchoolsAndRolesMustExist() {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "leader", "roles", List.of("SCHOOL_LEADER")))
                .post("/api/admin/clients").then().statusCode(422).body("errors[0].field", equalTo("schools"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "root", "roles", List.of("SUPERUSER")))
                .post("/api/admin/clients").then().statusCode(400).body("errors[0].field", equalTo("roles"));
    }

    @Test
    void onlyDistrictAdminsManageClients() {
        given().auth().oauth2(TestTokens.oversight()).get("/api/admin/clients").then().statusCode(403);
        given().get("/api/admin/clients").then().statusCode(401);
    }
}
