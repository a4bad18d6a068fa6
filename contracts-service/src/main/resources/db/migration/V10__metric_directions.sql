-- Which way each metric's values are better, as performance-service defined it (MetricDefined, consumer
-- contracts.metric-directions; ninth pass, N11): a benchmark whose comparator points the other way
-- (CHRONIC_ABSENTEEISM GTE 10) is refused when a contract is drafted, edited, amended, renewed or activated.
-- A metric not listed here is not known yet: its benchmarks are accepted.
create table metric_direction (
    metric_code varchar(60)  primary key,
    direction   varchar(20)  not null,
    defined_at  timestamptz,
    event_id    varchar(200) not null,
    learned_at  timestamptz  not null
);
