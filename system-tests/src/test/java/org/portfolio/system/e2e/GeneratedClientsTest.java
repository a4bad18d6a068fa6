package org.portfolio.system.e2e;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;
import org.portfolio.client.ApiClient;
import org.portfolio.client.model.SchoolStatus;
import org.portfolio.client.model.TermDto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The system tests' generated client reads strictly; a district's client, generated with the defaults, does not. */
class GeneratedClientsTest {

    private static final String TERM_WITH_AN_UNDECLARED_FIELD = "{\"startYear\":\"2026-27\",\"endYear\":\"2030-31\",\"motto\":\"x\"}";

    @Test
    void theStrictClientFailsOnAFieldTheDocumentDoesNotDeclare() {
        ApiClient strict = GeneratedClients.strict("http://localhost:8080");
        assertThatThrownBy(() -> strict.getObjectMapper().readValue(TERM_WITH_AN_UNDECLARED_FIELD, TermDto.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("motto");
    }

    @Test
    void aClientWithTheGeneratedDefaultsReadsAFieldAddedByALaterRelease() throws Exception {
        TermDto term = new ApiClient().getObjectMapper().readValue(TERM_WITH_AN_UNDECLARED_FIELD, TermDto.class);
        assertThat(term.getEndYear()).isEqualTo("2030-31");
        assertThat(new ApiClient().getObjectMapper().readValue("\"MERGED\"", SchoolStatus.class))
                .as("an enum value added by a later release (generated with enumUnknownDefaultCase)")
                .isEqualTo(SchoolStatus.UNKNOWN_DEFAULT_OPEN_API);
    }
}
