package org.portfolio.integration.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReadRightsTest {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    @Test
    void aSchoolLeaderReadsRecordsOnlyOfEventsAllOfWhoseSchoolsAreItsOwn() {
        ReadRights leader = new ReadRights("c", Set.of("SCHOOL_LEADER"), Set.of(A));
        assertThat(leader.canRead(Audience.SCHOOL_RECORD, Set.of(A), null)).isTrue();
        assertThat(leader.canRead(Audience.SCHOOL_RECORD, Set.of(B), null)).isFalse();
        assertThat(leader.canRead(Audience.SCHOOL_RECORD, Set.of(A, B), null)).isFalse();
        assertThat(leader.canRead(Audience.SCHOOL_RECORD, Set.of(), null)).isFalse();
        assertThat(leader.canRead(Audience.ENROLLMENT_COUNTS, Set.of(A), null)).isTrue();
        assertThat(leader.canRead(Audience.DIRECTORY, Set.of(B), null)).isTrue();
        // the match of a round (seed, cutoffs) is not a leader's, even when every school of it is its own
        assertThat(leader.canRead(Audience.ENROLLMENT_ROUND, Set.of(A), null)).isFalse();
        assertThat(leader.mayEverRead(Audience.ENROLLMENT_ROUND)).isFalse();
    }

    @Test
    void theEnrollmentRoundIsTheDistrictAdminsAndTheEnrollmentOfficesOnly() {
        for (String role : ReadRights.ALL_ROLES) {
            ReadRights r = new ReadRights("c", Set.of(role), Set.of(A));
            boolean office = role.equals("DISTRICT_ADMIN") || role.equals("ENROLLMENT_OFFICER");
            assertThat(r.canRead(Audience.ENROLLMENT_ROUND, Set.of(A), null)).as(role).isEqualTo(office);
            assertThat(r.mayEverRead(Audience.ENROLLMENT_ROUND)).as(role).isEqualTo(office);
            assertThat(r.districtWide(Audience.ENROLLMENT_ROUND)).as(role).isEqualTo(office);
        }
    }

    @Test
    void rolesOutsideTheFiveCountForNothingAndSubscriptionEventsGoToTheOwnerAndAdmins() {
        ReadRights none = new ReadRights("c", Set.of("SOMETHING"), Set.of());
        assertThat(none.canRead(Audience.DIRECTORY, Set.of(), null)).isFalse();
        ReadRights sis = new ReadRights("c", Set.of("SIS"), Set.of(A));
        assertThat(sis.canRead(Audience.SCHOOL_RECORD, Set.of(A), null)).isFalse();
        assertThat(sis.canRead(Audience.SUBSCRIPTION, Set.of(), "c")).isTrue();
        assertThat(sis.canRead(Audience.SUBSCRIPTION, Set.of(), "other")).isFalse();
        assertThat(new ReadRights("x", Set.of("DISTRICT_ADMIN"), Set.of()).canRead(Audience.SUBSCRIPTION, Set.of(), "other")).isTrue();
        assertThat(new ReadRights("x", Set.of("OVERSIGHT"), Set.of()).canRead(Audience.SUBSCRIPTION, Set.of(), "other")).isFalse();
        assertThat(sis.mayEverRead(Audience.SCHOOL_RECORD)).isFalse();
        assertThat(new ReadRights("x", Set.of("ENROLLMENT_OFFICER"), Set.of()).mayEverRead(Audience.ENROLLMENT_COUNTS)).isTrue();
    }

    @Test
    void theDistrictsOversightOfficeReadsEverySchoolAnAuthorizerOnlyTheSchoolsOfItsBodies() {
        ReadRights office = new ReadRights("board", Set.of("OVERSIGHT"), Set.of(), false, true);
        assertThat(office.canRead(Audience.SCHOOL_RECORD, Set.of(B), null)).isTrue();
        assertThat(office.districtWide(Audience.SCHOOL_RECORD)).isTrue();
        ReadRights commission = new ReadRights("commission", Set.of("OVERSIGHT"), Set.of(A), false, false);
        assertThat(commission.canRead(Audience.SCHOOL_RECORD, Set.of(A), null)).isTrue();
        assertThat(commission.canRead(Audience.SCHOOL_RECORD, Set.of(B), null)).isFalse();
        assertThat(commission.canRead(Audience.ENROLLMENT_COUNTS, Set.of(B), null)).isFalse();
        assertThat(commission.districtWide(Audience.SCHOOL_RECORD)).isFalse();
        assertThat(commission.mayEverRead(Audience.SCHOOL_RECORD)).isTrue();
        // an owner the directory has not heard of keeps its registered schools, never every school
        assertThat(new ReadRights("unknown", Set.of("OVERSIGHT"), Set.of()).canRead(Audience.SCHOOL_RECORD, Set.of(B), null))
                .isFalse();
    }
}
