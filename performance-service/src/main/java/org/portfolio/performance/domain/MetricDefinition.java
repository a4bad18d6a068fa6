package org.portfolio.performance.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** What a metric measures and which way is better. Frameworks weight and cut it per school year. */
@Entity
@Table(name = "metric_definition")
public class MetricDefinition extends PanacheEntityBase {

    @Id
    @Column(length = 60)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public MetricCategory category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public MetricDirection direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public MetricUnit unit;

    @Column(length = 1000)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public MetricComputation computation = MetricComputation.SCHOOL_LEVEL;

    /** Comma-separated assessment subjects a student-level computation reads (e.g. {@code ELA,MATH}). */
    @Column(length = 220)
    public String subjects;

    @Version
    public long version;

    /** The MetricDefined event that announced it; null until announced (a definition made before the event existed). */
    @Column(name = "defined_event_id")
    public java.util.UUID definedEventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<String> subjectList() {
        return subjects == null || subjects.isBlank() ? List.of() : Arrays.stream(subjects.split(",")).map(String::trim).toList();
    }

    public boolean higherIsBetter() {
        return direction == MetricDirection.HIGHER_IS_BETTER;
    }

    public static MetricDefinition define(String code, String name, MetricCategory category, MetricDirection direction,
                                          MetricUnit unit, String description, MetricComputation computation,
                                          List<String> subjects, Instant now) {
        MetricDefinition m = new MetricDefinition();
        m.code = code;
        m.name = name;
        m.category = category;
        m.direction = direction;
        m.unit = unit;
        m.description = description;
        m.computation = computation == null ? MetricComputation.SCHOOL_LEVEL : computation;
        m.subjects = subjects == null || subjects.isEmpty() ? null : String.join(",", subjects);
        m.createdAt = now;
        return m;
    }
}
