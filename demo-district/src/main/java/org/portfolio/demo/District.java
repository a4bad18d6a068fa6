package org.portfolio.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The demo district: Riverton Unified, a fictional portfolio district. Twenty schools of the five types, what each
 * school's contract provides and expects, and how each school performs — so that the data tells a story: strong
 * schools earn autonomy, a few miss a benchmark and lose a domain. Everything is fixed or drawn from a fixed seed,
 * so every run posts the same data.
 */
final class District {

    static final String NAME = "Riverton Unified (demo)";
    static final long SEED = 20_261_123L;

    static final String BOARD = "Riverton Board of Education";
    static final String COMMISSION = "Riverton Public Charter School Commission";

    enum Profile { STRONG, MEDIUM, WEAK }

    /** How a school performs in a year: the school-level values and the student distributions behind the rest. */
    record Year(double elaProficient, double mathProficient, int medianGrowth, double chronicShare, int vacancies,
                int daysCash, double enrollmentVsProjection, double graduationRate) {
    }

    record School(String code, String name, String type, List<String> grades, String zone, Profile profile,
                  Year previous, Year current) {

        boolean hasContract() {
            return !type.equals("DISTRICT");
        }

        String oversightBody() {
            return type.equals("CHARTER") ? COMMISSION : BOARD;
        }

        boolean highSchool() {
            return grades.contains("12");
        }

        /** The grades that sit the state assessment (3–8 and 9–11 here). */
        List<String> testedGrades() {
            return grades.stream().filter(g -> !g.equals("K") && !g.equals("PK") && !g.equals("1") && !g.equals("2")
                    && !g.equals("12")).toList();
        }

        /** Entry grades offered in the unified enrollment round. */
        List<String> entryGrades() {
            List<String> entry = new ArrayList<>();
            if (grades.contains("K")) {
                entry.add("K");
            }
            if (grades.contains("6") && (!grades.contains("5") || type.equals("INNOVATION"))) {
                entry.add("6");
            }
            if (grades.contains("9") && !grades.contains("8")) {
                entry.add("9");
            }
            return entry;
        }

        /** Provisions by domain: the model per domain, by type (the portfolio's menu of autonomy). */
        Map<String, String> provisions() {
            Map<String, String> p = new LinkedHashMap<>();
            switch (type) {
                case "CHARTER" -> {
                    p.put("PEOPLE", "FULL_WITH_EXPECTATIONS");
                    p.put("TIME", "FULL_WITH_EXPECTATIONS");
                    p.put("MONEY", "FULL_WITH_EXPECTATIONS");
                    p.put("PROGRAM", "FULL_WITH_EXPECTATIONS");
                }
                case "INNOVATION" -> {
                    p.put("PEOPLE", "FULL_WITH_EXPECTATIONS");
                    p.put("TIME", "FULL_WITH_EXPECTATIONS");
                    p.put("MONEY", "EARNED");
                    p.put("PROGRAM", "PROGRAMMATIC");
                }
                case "CONTRACT" -> {
                    p.put("PEOPLE", "FULL_WITH_EXPECTATIONS");
                    p.put("PROGRAM", "FULL_WITH_EXPECTATIONS");
                    p.put("MONEY", "EARNED");
                    p.put("TIME", "EARNED");
                }
                case "MAGNET" -> {
                    p.put("PEOPLE", "FULL_WITH_EXPECTATIONS");
                    p.put("MONEY", "FULL_WITH_EXPECTATIONS");
                    p.put("PROGRAM", "EARNED");
                    p.put("TIME", "PROGRAMMATIC");
                }
                default -> {
                }
            }
            return p;
        }
    }

    /** A benchmark every contract carries, for the current school year. */
    record Benchmark(String metric, String comparator, double target, String category, String guards, String missTriggers,
                     boolean reinstateOnMet, String description) {

        boolean met(double actual) {
            return switch (comparator) {
                case "LTE" -> actual <= target;
                case "GTE" -> actual >= target;
                default -> throw new IllegalStateException(comparator);
            };
        }

        double actual(Year y) {
            return switch (metric) {
                case "TEACHER_VACANCIES" -> y.vacancies();
                case "ELA_PROFICIENCY" -> y.elaProficient();
                case "MATH_PROFICIENCY" -> y.mathProficient();
                case "DAYS_CASH_ON_HAND" -> y.daysCash();
                default -> throw new IllegalStateException(metric);
            };
        }
    }

    static final List<Benchmark> BENCHMARKS = List.of(
            new Benchmark("TEACHER_VACANCIES", "LTE", 3, "ORGANIZATIONAL", "PEOPLE", "NOTICE_OF_CONCERN", true,
                    "No more than 3 teaching positions vacant on the October count"),
            new Benchmark("ELA_PROFICIENCY", "GTE", 35, "ACADEMIC", "PROGRAM", "CORRECTIVE_ACTION_PLAN", false,
                    "At least 35% of students proficient in ELA on the state assessment"),
            new Benchmark("MATH_PROFICIENCY", "GTE", 30, "ACADEMIC", "PROGRAM", "NOTICE_OF_CONCERN", false,
                    "At least 30% of students proficient in mathematics on the state assessment"),
            new Benchmark("DAYS_CASH_ON_HAND", "GTE", 30, "FINANCIAL", "MONEY", "NOTICE_OF_CONCERN", true,
                    "At least 30 days of operating cash on hand at the fiscal year end"));

    private static final Year STRONG_PREV = new Year(66, 60, 64, 8, 1, 112, 1.01, 94);
    private static final Year STRONG_NOW = new Year(69, 63, 66, 7, 1, 118, 1.02, 95);
    private static final Year MEDIUM_PREV = new Year(46, 40, 50, 16, 2, 55, 0.95, 85);
    private static final Year MEDIUM_NOW = new Year(48, 41, 56, 15, 3, 58, 0.96, 86);
    private static final Year WEAK_PREV = new Year(31, 26, 40, 27, 4, 41, 0.90, 76);
    private static final Year WEAK_NOW = new Year(27, 22, 38, 29, 6, 38, 0.88, 74);

    private static School school(String code, String name, String type, String grades, String zone, Profile profile) {
        Year prev = switch (profile) { case STRONG -> STRONG_PREV; case MEDIUM -> MEDIUM_PREV; case WEAK -> WEAK_PREV; };
        Year now = switch (profile) { case STRONG -> STRONG_NOW; case MEDIUM -> MEDIUM_NOW; case WEAK -> WEAK_NOW; };
        return new School(code, name, type, range(grades), zone, profile, prev, now);
    }

    static final List<School> SCHOOLS;

    static {
        List<School> s = new ArrayList<>(List.of(
                school("RV-101", "Maple Grove Elementary School", "DISTRICT", "K-5", "NORTH", Profile.MEDIUM),
                school("RV-102", "Cedar Park Elementary School", "DISTRICT", "K-5", "SOUTH", Profile.WEAK),
                school("RV-103", "Lincoln Heights Middle School", "DISTRICT", "6-8", "EAST", Profile.MEDIUM),
                school("RV-104", "Riverside K-8 School", "DISTRICT", "K-8", "WEST", Profile.STRONG),
                school("RV-105", "Riverton Central High School", "DISTRICT", "9-12", "CENTRAL", Profile.MEDIUM),
                school("RV-201", "Summit Preparatory Charter School", "CHARTER", "K-8", "NORTH", Profile.STRONG),
                school("RV-202", "Harbor Light Charter Academy", "CHARTER", "6-8", "SOUTH", Profile.WEAK),
                school("RV-203", "Discovery Science Charter High School", "CHARTER", "9-12", "EAST", Profile.MEDIUM),
                school("RV-204", "Bridgeway Community Charter School", "CHARTER", "K-5", "WEST", Profile.STRONG),
                school("RV-301", "Eastside Innovation Middle School", "INNOVATION", "6-8", "EAST", Profile.STRONG),
                school("RV-302", "Westgate Innovation Elementary School", "INNOVATION", "K-5", "WEST", Profile.WEAK),
                school("RV-303", "Northfield Innovation High School", "INNOVATION", "9-12", "NORTH", Profile.MEDIUM),
                school("RV-304", "Union Square Innovation Academy", "INNOVATION", "K-8", "CENTRAL", Profile.STRONG),
                school("RV-401", "Pathways Partnership High School", "CONTRACT", "9-12", "SOUTH", Profile.MEDIUM),
                school("RV-402", "New Horizons Contract School", "CONTRACT", "6-8", "CENTRAL", Profile.STRONG),
                school("RV-403", "Lakeside Partnership Elementary School", "CONTRACT", "K-5", "SOUTH", Profile.MEDIUM),
                school("RV-501", "Riverton School of the Arts", "MAGNET", "6-12", "CENTRAL", Profile.STRONG),
                school("RV-502", "Mill Creek STEM Magnet Middle School", "MAGNET", "6-8", "NORTH", Profile.STRONG),
                school("RV-503", "Dual Language Magnet Elementary School", "MAGNET", "K-5", "EAST", Profile.MEDIUM),
                school("RV-504", "Ridgeview International Baccalaureate High School", "MAGNET", "9-12", "WEST",
                        Profile.MEDIUM)));
        // Discovery Science runs short of cash this year: its MONEY autonomy is revoked by the chain
        s.replaceAll(x -> x.code().equals("RV-203")
                ? new School(x.code(), x.name(), x.type(), x.grades(), x.zone(), x.profile(), x.previous(),
                new Year(47, 42, 52, 14, 2, 18, 0.91, 87))
                : x);
        SCHOOLS = List.copyOf(s);
    }

    /** The school whose PEOPLE autonomy the demo shows revoked (teacher vacancies 6 against a target of ≤ 3). */
    static final String REVOKED_SCHOOL = "RV-202";
    /** The school whose leader submits a programmatic request (its contract makes PROGRAM programmatic). */
    static final String LEADER_SCHOOL = "RV-304";
    /** A school with a graduating class below the minimum n this year (suppressed in the public view). */
    static final String SMALL_COHORT_SCHOOL = "RV-501";
    /**
     * The school whose contract shows the accountability clock: an intervention step past its due date (flagged) and a
     * benchmark of last year whose data never came (MISSING_DATA, counted as a miss that moves nothing).
     */
    static final String CLOCK_SCHOOL = "RV-402";

    /**
     * The school whose SIS sends a mis-scored batch and corrects it (issue 15.3): this year's grade 5 ELA results first
     * arrive scored on last year's scale (every proficient student at level 2), which takes ELA proficiency below the
     * benchmark's 35 % and revokes PROGRAM; the SIS then corrects those results by their natural key with a reason code
     * (SCORING_ERROR, published) and a note (kept in performance-service's audit), the
     * benchmark turns MET and PROGRAM is reinstated (its contract reinstates on a MET of that benchmark).
     */
    static final String CORRECTED_SCHOOL = "RV-403";
    static final String CORRECTED_GRADE = "5";
    static final String CORRECTION_CODE = "SCORING_ERROR";
    static final String CORRECTION_NOTE = "The vendor scored the grade 5 ELA batch on last year's scale; results re-scored";

    /** A school that earns its EARNED autonomy (MONEY) from two years of ratings. */
    static final String EARNED_SCHOOL = "RV-301";
    /** Its SIS states participation, and about 9 % of its students did not take the MATH test: an integrity flag. */
    static final String INTEGRITY_SCHOOL = EARNED_SCHOOL;

    static School byCode(String code) {
        return SCHOOLS.stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    static List<String> range(String grades) {
        String[] p = grades.split("-");
        int from = p[0].equals("K") ? 0 : Integer.parseInt(p[0]);
        int to = Integer.parseInt(p[1]);
        List<String> out = new ArrayList<>();
        for (int g = from; g <= to; g++) {
            out.add(g == 0 ? "K" : Integer.toString(g));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- student data

    /** One synthetic student in one school year. */
    record Student(String id, String grade, int ela, Integer elaGrowth, int math, Integer mathGrowth,
                   double daysEnrolled, double daysAbsent) {
    }

    /** Students per tested grade (by school, fixed). */
    static int cohortSize(School s) {
        return 24 + Math.floorMod(s.code().hashCode(), 13);
    }

    /**
     * The tested students of a school in the school year starting {@code startYear}, drawn from a seed of the school
     * and the year: the same call gives the same students. A student keeps their id from year to year (id = school,
     * class of, number).
     */
    static List<Student> students(School s, int startYear, Year y) {
        Random r = new Random(SEED ^ s.code().hashCode() * 31L ^ startYear);
        List<Student> out = new ArrayList<>();
        int n = cohortSize(s);
        for (String grade : s.testedGrades()) {
            int g = Integer.parseInt(grade);
            int classOf = startYear + 1 + (12 - g);
            // exact shares (so the story holds), in a drawn order
            List<Boolean> ela = shares(r, n, y.elaProficient());
            List<Boolean> math = shares(r, n, y.mathProficient());
            List<Boolean> chronic = shares(r, n, y.chronicShare());
            for (int i = 1; i <= n; i++) {
                String id = String.format(Locale.ROOT, "%s-C%d-%03d", s.code().replace("-", ""), classOf, i);
                double enrolled = 160 + r.nextInt(21);
                double absent = chronic.get(i - 1) ? Math.round(enrolled * (0.11 + r.nextDouble() * 0.12))
                        : Math.floor(enrolled * r.nextDouble() * 0.085);
                if (r.nextInt(10) == 0 && absent + 0.5 < enrolled * (chronic.get(i - 1) ? 1 : 0.09)) {
                    absent += 0.5; // a half day here and there
                }
                out.add(new Student(id, grade, level(r, ela.get(i - 1)), growth(r, y.medianGrowth()),
                        level(r, math.get(i - 1)), growth(r, y.medianGrowth()), enrolled, absent));
            }
        }
        return out;
    }

    /** A performance level 1–5: 3 or more when proficient. */
    private static int level(Random r, boolean proficient) {
        return proficient ? 3 + r.nextInt(3) : 1 + r.nextInt(2);
    }

    /** n flags, round(n × percent / 100) of them true, shuffled with the seed. */
    private static List<Boolean> shares(Random r, int n, double percent) {
        int k = (int) Math.round(n * percent / 100);
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i < k);
        }
        java.util.Collections.shuffle(out, r);
        return out;
    }

    private static Integer growth(Random r, int median) {
        if (r.nextInt(25) == 0) {
            return null; // no prior score: no growth percentile
        }
        return (int) Math.max(1, Math.min(99, Math.round(median + r.nextGaussian() * 18)));
    }

    // ---------------------------------------------------------------------------------------------- applicants

    private static final String[] FIRST = {"Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Juno",
            "Kai", "Lia", "Milo", "Nia", "Otto", "Pia", "Quin", "Rae", "Sol", "Tia", "Uma", "Vic", "Wren", "Xan", "Yara", "Zed"};

    record Applicant(String externalRef, String firstName, String lastName, String birthDate, String grade,
                     String homeZone, List<String> flags, List<School> choices, School sibling) {
    }

    /** Applicants to the entry grades, each ranking one to three programs of their grade (strong schools in demand). */
    static List<Applicant> applicants(int periodStartYear, Map<String, List<School>> programsByGrade) {
        Random r = new Random(SEED + 7);
        List<String> zones = List.of("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL");
        Map<String, Integer> counts = Map.of("K", 150, "6", 120, "9", 90);
        List<Applicant> out = new ArrayList<>();
        int seq = 0;
        for (String grade : List.of("K", "6", "9")) {
            List<School> options = programsByGrade.getOrDefault(grade, List.of());
            if (options.isEmpty()) {
                continue;
            }
            int age = grade.equals("K") ? 5 : Integer.parseInt(grade) + 5;
            for (int i = 0; i < counts.get(grade); i++) {
                seq++;
                String zone = zones.get(r.nextInt(zones.size()));
                List<School> pool = new ArrayList<>();
                for (School s : options) {
                    int weight = (s.profile() == Profile.STRONG ? 4 : s.profile() == Profile.MEDIUM ? 2 : 1)
                            + (s.zone().equals(zone) ? 2 : 0);
                    for (int w = 0; w < weight; w++) {
                        pool.add(s);
                    }
                }
                List<School> choices = new ArrayList<>();
                int wanted = Math.min(options.size(), 1 + r.nextInt(3));
                while (choices.size() < wanted) {
                    School pick = pool.get(r.nextInt(pool.size()));
                    if (!choices.contains(pick)) {
                        choices.add(pick);
                    }
                }
                List<String> flags = new ArrayList<>();
                if (r.nextInt(100) < 45) {
                    flags.add("FRL");
                }
                if (r.nextInt(100) < 12) {
                    flags.add("ELL");
                }
                if (r.nextInt(100) < 10) {
                    flags.add("IEP");
                }
                School sibling = r.nextInt(100) < 15 ? choices.get(0) : null;
                // old enough for the grade on 1 September of the school year
                int month = 1 + r.nextInt(12);
                String birth = String.format(Locale.ROOT, "%d-%02d-%02d", periodStartYear - age - (month >= 9 ? 1 : 0),
                        month, 1 + r.nextInt(28));
                out.add(new Applicant(String.format(Locale.ROOT, "DEMO-APP-%04d", seq), FIRST[r.nextInt(FIRST.length)],
                        String.format(Locale.ROOT, "Demo-%04d", seq), birth, grade, zone, flags, choices, sibling));
            }
        }
        return out;
    }

    private District() {
    }
}
