package org.portfolio.autonomy.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision-rights rules as pure functions: dates, history, subsets, precedence, explanations. */
class DecisionRightsRulesTest {

    static final ZoneId DENVER = ZoneId.of("America/Denver");
    static final DecisionRightsRules RULES = new DecisionRightsRules(DENVER);
    static final UUID SCHOOL = UUID.randomUUID();
    static final DecisionInfo HIRE = new DecisionInfo("HIRE_TEACHERS", AutonomyDomain.PEOPLE, "Hire teachers", null);
    static final DecisionInfo DISMISS = new DecisionInfo("DISMISS_STAFF", AutonomyDomain.PEOPLE, "Dismiss staff", null);

    static Instant at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(DENVER).toInstant();
    }

    static CauseInfo cause(CauseKind kind) {
        return new CauseInfo(kind, "evt-1", null, null, null, null, null, null, null, List.of(), null, null, null, null,
                "system");
    }

    static CauseInfo missed() {
        return new CauseInfo(CauseKind.BENCHMARK_MISSED, "evt-2", UUID.randomUUID(), UUID.randomUUID(),
                "TEACHER_VACANCIES", "2026-27", "LTE", new BigDecimal("3.0000"), new BigDecimal("7.0000"), List.of(),
                null, null, null, null, "system");
    }

    /** A grant with a timeline of (instant, status) steps; its current status is the last step. */
    static GrantSnapshot grant(Set<String> decisions, LocalDate from, LocalDate to, Object... steps) {
        List<GrantSnapshot.Step> timeline = new ArrayList<>();
        for (int i = 0; i < steps.length; i += 3) {
            timeline.add(new GrantSnapshot.Step((Instant) steps[i], (GrantStatus) steps[i + 1], (CauseInfo) steps[i + 2]));
        }
        GrantSnapshot.Step last = timeline.get(timeline.size() - 1);
        return new GrantSnapshot(UUID.randomUUID(), SCHOOL, AutonomyDomain.PEOPLE, GrantModel.FULL_WITH_EXPECTATIONS,
                GrantSource.CONTRACT_PROVISION, decisions, null, UUID.randomUUID(), UUID.randomUUID(), null, null, null,
                from, to, null, last.status(), last.at(), last.cause(), List.copyOf(timeline));
    }

    /** A whole-domain grant, ACTIVE from 1 July 2026, REVOKED by a missed benchmark on 10 September 2026. */
    static GrantSnapshot activeThenRevokedOnTenSeptember() {
        return grant(Set.of(), LocalDate.of(2026, 7, 1), LocalDate.of(2031, 6, 30),
                at("2026-07-01T08:00"), GrantStatus.ACTIVE, cause(CauseKind.CONTRACT_ACTIVATED),
                at("2026-09-10T10:00"), GrantStatus.REVOKED, missed());
    }

    static SchoolRights school(GrantSnapshot... grants) {
        return new SchoolRights(SCHOOL, true, "S", "S-1", "OPEN", List.of(grants));
    }

    /**
     * A miss counted on a suppressed value, stored before 2026-12-06 with the value as its actual: the check says why
     * there was no usable value and never shows the value (eighth pass: "missed (target >= 35, actual 80)").
     */
    @Test
    void aMissWithAReasonNeverShowsAStoredActual() {
        String reason = "the value was suppressed (fewer students than the framework's minimum n)";
        CauseInfo suppressed = new CauseInfo(CauseKind.BENCHMARK_MISSED, "evt-2", UUID.randomUUID(), UUID.randomUUID(),
                "ELA_PROFICIENCY", "2026-27", "GTE", new BigDecimal("35.0000"), new BigDecimal("80.0000"), List.of(),
                null, null, reason, null, "system");
        GrantSnapshot g = grant(Set.of(), LocalDate.of(2026, 7, 1), LocalDate.of(2031, 6, 30),
                at("2026-07-01T08:00"), GrantStatus.ACTIVE, cause(CauseKind.CONTRACT_ACTIVATED),
                at("2026-09-10T10:00"), GrantStatus.REVOKED, suppressed);
        String text = RULES.answer(school(g), HIRE, LocalDate.of(2026, 10, 1), at("2026-10-01T12:00")).explanation();
        assertThat(text).contains(reason).contains("which the contract counts as a miss").doesNotContain("actual");
    }

    @Test
    void aPastDateUsesTheStatusTheGrantHadAtTheEndOfThatDay() {
        GrantSnapshot g = activeThenRevokedOnTenSeptember();
        Instant now = at("2026-10-01T12:00");
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2026, 9, 9), now).allowed()).isTrue();
        RightsAnswer onTheDay = RULES.answer(school(g), HIRE, LocalDate.of(2026, 9, 10), now);
        assertThat(onTheDay.reason()).isEqualTo(RightsReason.REVOKED);
        assertThat(onTheDay.explanation()).contains("revoked on 2026-09-10").contains("target ≤ 3, actual 7");
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2026, 6, 30), now).reason()).isEqualTo(RightsReason.NO_GRANT);
        // today and later dates: the current status
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2026, 10, 1), now).reason()).isEqualTo(RightsReason.REVOKED);
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2027, 3, 1), now).reason()).isEqualTo(RightsReason.REVOKED);
    }

    /** The portfolio view of a past date lists the grants as they stood then (before, as they are today). */
    @Test
    void theGrantsOfAPastDateAreListedWithTheStatusTheyHadThen() {
        GrantSnapshot g = activeThenRevokedOnTenSeptember();
        Instant now = at("2026-10-01T12:00");
        List<GrantSnapshot> then = RULES.grantsAsOf(school(g), AutonomyDomain.PEOPLE, LocalDate.of(2026, 9, 9), now);
        assertThat(then).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(g.id());
            assertThat(s.status()).isEqualTo(GrantStatus.ACTIVE);
            assertThat(s.since()).isEqualTo(at("2026-07-01T08:00"));
        });
        assertThat(RULES.grantsAsOf(school(g), AutonomyDomain.PEOPLE, LocalDate.of(2026, 6, 30), now)).isEmpty();
        assertThat(RULES.grantsAsOf(school(g), AutonomyDomain.PEOPLE, LocalDate.of(2026, 10, 1), now))
                .singleElement().extracting(GrantSnapshot::status).isEqualTo(GrantStatus.REVOKED);
    }

    @Test
    void theDistrictsTimeZoneDecidesWhatTodayIs() {
        // 03:00 UTC on 1 Oct is still 30 Sep in Denver: the revocation at 02:00 UTC counts as 30 Sep there
        GrantSnapshot g = grant(Set.of(), LocalDate.of(2026, 7, 1), null,
                Instant.parse("2026-07-01T15:00:00Z"), GrantStatus.ACTIVE, cause(CauseKind.MANUAL),
                Instant.parse("2026-10-01T02:00:00Z"), GrantStatus.REVOKED, cause(CauseKind.MANUAL));
        Instant now = Instant.parse("2026-10-01T03:00:00Z");
        assertThat(RULES.today(now)).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2026, 9, 29), now).allowed()).isTrue();
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2026, 9, 30), now).allowed()).isFalse();
    }

    @Test
    void effectiveDatesBoundAnActiveGrant() {
        GrantSnapshot g = grant(Set.of(), LocalDate.of(2027, 7, 1), LocalDate.of(2028, 6, 30),
                at("2026-07-01T08:00"), GrantStatus.ACTIVE, cause(CauseKind.REQUEST_APPROVED));
        Instant now = at("2026-10-01T12:00");
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2027, 6, 30), now).reason()).isEqualTo(RightsReason.NOT_YET_EFFECTIVE);
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2027, 7, 1), now).allowed()).isTrue();
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2028, 6, 30), now).allowed()).isTrue();
        RightsAnswer after = RULES.answer(school(g), HIRE, LocalDate.of(2028, 7, 1), now);
        assertThat(after.reason()).isEqualTo(RightsReason.TERM_ENDED);
        assertThat(after.decidedBy()).isEqualTo(DecidedBy.DISTRICT);
    }

    @Test
    void aGrantOnASubsetCoversOnlyItsDecisions() {
        GrantSnapshot g = grant(Set.of("HIRE_TEACHERS"), LocalDate.of(2026, 7, 1), null,
                at("2026-07-01T08:00"), GrantStatus.ACTIVE, cause(CauseKind.CONTRACT_ACTIVATED));
        Instant now = at("2026-10-01T12:00");
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2026, 10, 1), now).allowed()).isTrue();
        RightsAnswer dismiss = RULES.answer(school(g), DISMISS, LocalDate.of(2026, 10, 1), now);
        assertThat(dismiss.reason()).isEqualTo(RightsReason.NOT_IN_GRANT);
        assertThat(dismiss.explanation()).contains("cover HIRE_TEACHERS but not DISMISS_STAFF");
        assertThat(RULES.answer(school(), HIRE, LocalDate.of(2026, 10, 1), now).reason()).isEqualTo(RightsReason.NO_GRANT);
    }

    @Test
    void anAllowingGrantWinsAndOtherwiseTheMostTellingOneExplains() {
        Instant now = at("2026-10-01T12:00");
        LocalDate today = LocalDate.of(2026, 10, 1);
        GrantSnapshot ended = grant(Set.of(), LocalDate.of(2020, 7, 1), null,
                at("2020-07-01T08:00"), GrantStatus.ACTIVE, cause(CauseKind.CONTRACT_ACTIVATED),
                at("2025-06-30T08:00"), GrantStatus.ENDED, cause(CauseKind.CONTRACT_ENDED));
        GrantSnapshot revoked = grant(Set.of(), LocalDate.of(2026, 7, 1), null,
                at("2026-07-01T08:00"), GrantStatus.ACTIVE, cause(CauseKind.CONTRACT_ACTIVATED),
                at("2026-09-10T08:00"), GrantStatus.REVOKED, missed());
        GrantSnapshot pending = grant(Set.of(), LocalDate.of(2026, 7, 1), null,
                at("2026-07-01T08:00"), GrantStatus.PENDING, cause(CauseKind.CONTRACT_ACTIVATED));
        GrantSnapshot active = grant(Set.of("HIRE_TEACHERS"), LocalDate.of(2026, 7, 1), null,
                at("2026-08-01T08:00"), GrantStatus.ACTIVE, cause(CauseKind.REQUEST_APPROVED));
        assertThat(RULES.answer(school(ended, pending, revoked), HIRE, today, now).reason()).isEqualTo(RightsReason.REVOKED);
        assertThat(RULES.answer(school(ended, pending), HIRE, today, now).reason()).isEqualTo(RightsReason.PENDING_ELIGIBILITY);
        RightsAnswer yes = RULES.answer(school(ended, revoked, active), HIRE, today, now);
        assertThat(yes.allowed()).isTrue();
        assertThat(yes.grant().id()).isEqualTo(active.id());
        assertThat(RULES.answer(school(ended, revoked, active), DISMISS, today, now).reason()).isEqualTo(RightsReason.REVOKED);
    }

    @Test
    void anEarnedGrantThatFellBackSaysWhichRatingsTookItBackAndWhatEarnsItAgain() {
        Instant now = at("2027-10-01T12:00");
        UUID latest = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        CauseInfo fell = new CauseInfo(CauseKind.RATING_FELL, "evt-3", null, null, null, null, null, null, null,
                List.of(latest, before), null, null, null,
                "Rated below MEETS for 2 consecutive school year(s): 2026-27 APPROACHING, 2025-26 DOES_NOT_MEET", "system");
        CauseInfo earned = new CauseInfo(CauseKind.RATING_QUALIFIED, "evt-1", null, null, null, null, null, null, null,
                List.of(UUID.randomUUID()), null, null, null, "Rated MEETS or better for 2 consecutive school year(s)",
                "system");
        List<GrantSnapshot.Step> timeline = List.of(
                new GrantSnapshot.Step(at("2024-07-01T08:00"), GrantStatus.PENDING, cause(CauseKind.CONTRACT_ACTIVATED)),
                new GrantSnapshot.Step(at("2025-08-01T08:00"), GrantStatus.ACTIVE, earned),
                new GrantSnapshot.Step(at("2027-09-15T08:00"), GrantStatus.PENDING, fell));
        GrantSnapshot g = new GrantSnapshot(UUID.randomUUID(), SCHOOL, AutonomyDomain.PEOPLE, GrantModel.EARNED,
                GrantSource.CONTRACT_PROVISION, Set.of(), null, UUID.randomUUID(), UUID.randomUUID(), null,
                RatingTier.MEETS, 2, LocalDate.of(2024, 7, 1), null, null, GrantStatus.PENDING,
                at("2027-09-15T08:00"), fell, timeline);

        RightsAnswer a = RULES.answer(school(g), HIRE, LocalDate.of(2027, 10, 1), now);
        assertThat(a.reason()).isEqualTo(RightsReason.PENDING_ELIGIBILITY);
        assertThat(a.explanation()).isEqualTo("The district decides: PEOPLE autonomy (HIRE_TEACHERS) is EARNED autonomy "
                + "pending eligibility again: it fell back on 2027-09-15 because the school's ratings fell below its "
                + "criteria (Rated below MEETS for 2 consecutive school year(s): 2026-27 APPROACHING, 2025-26 DOES_NOT_MEET; "
                + "ratings " + latest + ", " + before + "); it needs a rating of MEETS or better for 2 consecutive school "
                + "year(s).");
        assertThat(a.cause().ratingIds()).containsExactly(latest, before);
        // before it fell back, the school decided
        assertThat(RULES.answer(school(g), HIRE, LocalDate.of(2027, 9, 1), now).allowed()).isTrue();
        // a grant never earned says only what it needs
        assertThat(RULES.answer(school(grant(Set.of(), LocalDate.of(2026, 7, 1), null, at("2026-07-01T08:00"),
                GrantStatus.PENDING, cause(CauseKind.CONTRACT_ACTIVATED))), HIRE, LocalDate.of(2027, 10, 1), now)
                .explanation()).doesNotContain("fell back");
    }

    @Test
    void aRetiredDecisionIsTheDistrictsWhateverTheGrants() {
        GrantSnapshot g = grant(Set.of(), LocalDate.of(2026, 7, 1), null,
                at("2026-07-01T08:00"), GrantStatus.ACTIVE, cause(CauseKind.CONTRACT_ACTIVATED));
        DecisionInfo retired = new DecisionInfo("OLD", AutonomyDomain.PEOPLE, "Old", 7);
        RightsAnswer a = RULES.answer(school(g), retired, LocalDate.of(2026, 10, 1), at("2026-10-01T12:00"));
        assertThat(a.reason()).isEqualTo(RightsReason.DECISION_RETIRED);
        assertThat(a.explanation()).contains("version 7");
    }

    @Test
    void aDomainIsTheSchoolsWhenEveryDecisionIs() {
        RightsAnswer yes = new RightsAnswer(SCHOOL, HIRE, LocalDate.now(), true, DecidedBy.SCHOOL, RightsReason.GRANTED,
                null, null, null, null, "");
        RightsAnswer no = new RightsAnswer(SCHOOL, DISMISS, LocalDate.now(), false, DecidedBy.DISTRICT,
                RightsReason.NOT_IN_GRANT, null, null, null, null, "");
        assertThat(RULES.control(List.of(yes, yes))).isEqualTo(DomainControl.SCHOOL);
        assertThat(RULES.control(List.of(yes, no))).isEqualTo(DomainControl.PARTIAL);
        assertThat(RULES.control(List.of(no))).isEqualTo(DomainControl.DISTRICT);
    }
}
