-- Run the api and worker as a role that does not own the tables: it can read and write data but
-- cannot ALTER a table, so it cannot switch off the triggers that keep AuditEvent append-only.
-- Migrations keep running as the owner. psql -v app_password="'…'" -f infra/app-role.sql duban
CREATE ROLE duban_app LOGIN PASSWORD :app_password;
GRANT CONNECT ON DATABASE duban TO duban_app;
GRANT USAGE ON SCHEMA public TO duban_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO duban_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO duban_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM duban_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO duban_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO duban_app;
