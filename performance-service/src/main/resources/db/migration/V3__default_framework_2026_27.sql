-- The default performance framework for 2026-27, published: the three NACSA categories (academic 60 points,
-- financial 16, organizational 24), four cut points per metric (a quarter of its weight each), tiers on the share
-- of the available points. Change it by creating a new version (POST /api/performance/frameworks/{id}/new-version).
insert into framework (id, school_year, version, name, description, status, minimum_n, proficient_level,
                       minimum_coverage_percent, definition, created_at, created_by, published_at, published_by)
values ('2026ca5e-0000-4000-8000-000000000001', '2026-27', 1, 'Portfolio performance framework 2026-27',
        'Default framework shipped with Portfolio: academic proficiency and growth, graduation, financial health, '
            || 'attendance, staffing and family demand. Values with n below 10 are suppressed.',
        'PUBLISHED', 10, 3, 50.0,
        '{
          "categories": [
            {"category": "ACADEMIC", "weight": 60},
            {"category": "FINANCIAL", "weight": 16},
            {"category": "ORGANIZATIONAL", "weight": 24}
          ],
          "metrics": [
            {"metricCode": "ELA_PROFICIENCY", "weight": 16, "minimumN": null,
             "cutPoints": [{"threshold": 20, "points": 4}, {"threshold": 35, "points": 8},
                           {"threshold": 50, "points": 12}, {"threshold": 65, "points": 16}]},
            {"metricCode": "MATH_PROFICIENCY", "weight": 16, "minimumN": null,
             "cutPoints": [{"threshold": 15, "points": 4}, {"threshold": 30, "points": 8},
                           {"threshold": 45, "points": 12}, {"threshold": 60, "points": 16}]},
            {"metricCode": "MEDIAN_GROWTH_PERCENTILE", "weight": 20, "minimumN": null,
             "cutPoints": [{"threshold": 35, "points": 5}, {"threshold": 45, "points": 10},
                           {"threshold": 55, "points": 15}, {"threshold": 65, "points": 20}]},
            {"metricCode": "GRADUATION_RATE", "weight": 8, "minimumN": null,
             "cutPoints": [{"threshold": 70, "points": 2}, {"threshold": 80, "points": 4},
                           {"threshold": 87, "points": 6}, {"threshold": 93, "points": 8}]},
            {"metricCode": "DAYS_CASH_ON_HAND", "weight": 8, "minimumN": 0,
             "cutPoints": [{"threshold": 15, "points": 2}, {"threshold": 30, "points": 4},
                           {"threshold": 60, "points": 6}, {"threshold": 90, "points": 8}]},
            {"metricCode": "ENROLLMENT_VS_PROJECTION", "weight": 8, "minimumN": 0,
             "cutPoints": [{"threshold": 0.85, "points": 2}, {"threshold": 0.9, "points": 4},
                           {"threshold": 0.95, "points": 6}, {"threshold": 1, "points": 8}]},
            {"metricCode": "CHRONIC_ABSENTEEISM", "weight": 8, "minimumN": null,
             "cutPoints": [{"threshold": 10, "points": 8}, {"threshold": 20, "points": 6},
                           {"threshold": 30, "points": 4}, {"threshold": 40, "points": 2}]},
            {"metricCode": "TEACHER_VACANCIES", "weight": 8, "minimumN": 0,
             "cutPoints": [{"threshold": 0, "points": 8}, {"threshold": 2, "points": 6},
                           {"threshold": 4, "points": 4}, {"threshold": 6, "points": 2}]},
            {"metricCode": "FAMILY_DEMAND", "weight": 8, "minimumN": 0,
             "cutPoints": [{"threshold": 0.5, "points": 2}, {"threshold": 0.8, "points": 4},
                           {"threshold": 1, "points": 6}, {"threshold": 1.5, "points": 8}]}
          ],
          "tiers": [
            {"tier": "EXCEEDS", "minimumPercent": 80},
            {"tier": "MEETS", "minimumPercent": 60},
            {"tier": "APPROACHING", "minimumPercent": 40},
            {"tier": "DOES_NOT_MEET", "minimumPercent": 0}
          ]
        }'::jsonb,
        now(), 'migration', now(), 'migration');
