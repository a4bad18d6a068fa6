-- one database per service (DESIGN.md: a service never reads another service's tables)
create database contracts;
create database autonomy;
create database performance;
create database enrollment;
create database gateway;
