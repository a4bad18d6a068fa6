-- A metric takes up to 10 subjects of up to 20 characters each, stored comma-joined: 209 characters did not fit in 200,
-- so a metric the document called valid was refused with a 400 naming no field (hostile review of the fourteenth pass).
alter table metric_definition alter column subjects type varchar(220);
