-- One database and one login role per service (a service never reads another service's tables, and cannot:
-- each role owns its own database and may connect to no other). Run once by the postgres image on an empty
-- data volume (docker-entrypoint-initdb.d); the passwords come from the environment (.env, see
-- deploy/generate-env.sh), never from this file. To change one later: ALTER ROLE <name> PASSWORD '...'.
\set ON_ERROR_STOP on

\getenv contracts_password PORTFOLIO_DB_PASSWORD_CONTRACTS
\getenv autonomy_password PORTFOLIO_DB_PASSWORD_AUTONOMY
\getenv performance_password PORTFOLIO_DB_PASSWORD_PERFORMANCE
\getenv enrollment_password PORTFOLIO_DB_PASSWORD_ENROLLMENT
\getenv integration_password PORTFOLIO_DB_PASSWORD_INTEGRATION
\getenv edfi_password PORTFOLIO_DB_PASSWORD_EDFI
\getenv gateway_password PORTFOLIO_DB_PASSWORD_GATEWAY

create role contracts login password :'contracts_password';
create database contracts owner contracts;
revoke all on database contracts from public;

create role autonomy login password :'autonomy_password';
create database autonomy owner autonomy;
revoke all on database autonomy from public;

create role performance login password :'performance_password';
create database performance owner performance;
revoke all on database performance from public;

create role enrollment login password :'enrollment_password';
create database enrollment owner enrollment;
revoke all on database enrollment from public;

create role integration login password :'integration_password';
create database integration owner integration;
revoke all on database integration from public;

create role edfi login password :'edfi_password';
create database edfi owner edfi;
revoke all on database edfi from public;

create role gateway login password :'gateway_password';
create database gateway owner gateway;
revoke all on database gateway from public;
