-- One PostgreSQL server, one database per service; each service's Flyway migrations create its tables.
CREATE DATABASE auth_db;
CREATE DATABASE order_db;
CREATE DATABASE kitchen_db;
CREATE DATABASE billing_db;
CREATE DATABASE catalog_db;
CREATE DATABASE reporting_db;
