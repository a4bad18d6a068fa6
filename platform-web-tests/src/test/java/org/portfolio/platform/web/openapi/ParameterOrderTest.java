package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Eleventh pass: a generated client took two UUID path parameters in alphabetical order, not the path's. */
class ParameterOrderTest {

    private static Parameter param(String name, Parameter.In in) {
        return OASFactory.createParameter().name(name).in(in);
    }

    @Test
    void pathParametersComeInThePathsOrderAndTheOthersKeepTheirsAfterThem() {
        Operation result = OASFactory.createOperation()
                .addParameter(param("applicantId", Parameter.In.PATH))
                .addParameter(param("periodId", Parameter.In.PATH))
                .addParameter(param("If-Match", Parameter.In.HEADER))
                .addParameter(param("lang", Parameter.In.QUERY));
        Operation single = OASFactory.createOperation()
                .addParameter(param("page", Parameter.In.QUERY)).addParameter(param("id", Parameter.In.PATH));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/periods/{periodId}/applications/{applicantId}/result",
                        OASFactory.createPathItem().GET(result))
                .addPathItem("/programs/{id}", OASFactory.createPathItem().GET(single)));

        assertThat(ParameterOrder.apply(api)).isEqualTo(2);

        assertThat(result.getParameters()).extracting(Parameter::getName)
                .containsExactly("periodId", "applicantId", "If-Match", "lang");
        assertThat(single.getParameters()).extracting(Parameter::getName).as("one path parameter: first too")
                .containsExactly("id", "page");
        assertThat(ParameterOrder.apply(api)).as("already in order").isZero();
    }
}
