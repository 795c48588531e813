-- The application runs as psq_app (SET ROLE after migrations): it may read and append audit
-- events but never change or delete them. Old events leave only through psq_purge_audit_events,
-- owned by the migration role, which refuses to cut anything younger than 30 days.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'psq_app') THEN
    CREATE ROLE psq_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database of the same server created it at the same moment
END $$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT psq_app TO %I', current_user);
EXCEPTION WHEN duplicate_object OR unique_violation OR invalid_grant_operation THEN
  NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO psq_app', current_database());
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO psq_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO psq_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO psq_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO psq_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO psq_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM psq_app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA drizzle TO psq_app;
--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO psq_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA drizzle GRANT SELECT ON TABLES TO psq_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION psq_purge_audit_events(cutoff timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  purged integer;
BEGIN
  IF cutoff > now() - interval '30 days' THEN
    RAISE EXCEPTION 'refusing to purge audit events younger than 30 days';
  END IF;
  DELETE FROM audit_events WHERE occurred_at < cutoff;
  GET DIAGNOSTICS purged = ROW_COUNT;
  RETURN purged;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION psq_purge_audit_events(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION psq_purge_audit_events(timestamptz) TO psq_app;
