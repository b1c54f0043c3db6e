-- Cache generations: change-driven invalidation of the receiver's and the worker's caches --------
-- The receiver caches credential lookups and the worker caches host/service contexts. Until now
-- both expired entries after a fixed TTL (5 s, 10 s), which was their only invalidation. Agents
-- send every 60 s, so nearly every request and every batch missed and went to the database
-- (a credential query per request, a context query per batch).
--
-- Now every change that either cache depends on bumps the tenant's cache_generation in the same
-- transaction (triggers below, so no writer can forget it). Each receiver and worker instance reads
-- all generations every ~2 s (one small query) and uses a cached entry only while its tenant's
-- generation is the one it was loaded under: a revoked token or a reconfigured service is seen
-- within about 2 s, and entries can live for minutes. If that query keeps failing, entries fall
-- back to a short TTL, so a revocation is never ignored for long.
ALTER TABLE tenants ADD COLUMN cache_generation bigint NOT NULL DEFAULT 0;

COMMENT ON COLUMN tenants.cache_generation IS
    'Bumped by triggers whenever credentials, hosts, services, profiles or agents of the tenant'
    ' change in a way the receiver or worker caches; those caches drop the tenant''s entries when'
    ' it moves (V12).';

-- Rows inserted or deleted: one bump per tenant per statement (bulk inserts stay cheap).
CREATE FUNCTION vesana_bump_cache_generation_statement() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tenants SET cache_generation = cache_generation + 1
     WHERE id IN (SELECT DISTINCT tenant_id FROM changed);
    RETURN NULL;
END;
$$;

-- Rows updated in a cached column (PostgreSQL allows no transition tables with a column list, so
-- this one is per row; such updates are rare edits, not ingest traffic).
CREATE FUNCTION vesana_bump_cache_generation_row() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tenants SET cache_generation = cache_generation + 1
     WHERE id = NEW.tenant_id OR id = OLD.tenant_id;
    RETURN NULL;
END;
$$;

DO $$
DECLARE
    t record;
BEGIN
    -- Table, and the columns whose update changes what a cache holds. Columns written on the hot
    -- path (last_used_at, last_seen_at, status of agents, updated_at) are deliberately absent.
    FOR t IN SELECT * FROM (VALUES
        ('agent_tokens',   'tenant_id, expires_at, revoked_at, token_hash'),
        ('api_keys',       'tenant_id, expires_at, revoked_at, key_hash, purpose'),
        ('hosts',          'tenant_id, name, profile_id, enabled'),
        ('host_services',  'tenant_id, host_id, name, profile_check_id, check_interval_s,'
                           ' retry_interval_s, max_check_attempts, settings, overrides, enabled'),
        ('profiles',       'tenant_id, auto_create_services'),
        ('profile_checks', 'tenant_id, profile_id, name, kind, settings, check_interval_s,'
                           ' retry_interval_s, max_check_attempts, enabled'),
        ('agents',         'tenant_id, host_id, token_id')
    ) AS v(tbl, cols) LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed'
            ' FOR EACH STATEMENT EXECUTE FUNCTION vesana_bump_cache_generation_statement()',
            t.tbl || '_cache_generation_ins', t.tbl);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed'
            ' FOR EACH STATEMENT EXECUTE FUNCTION vesana_bump_cache_generation_statement()',
            t.tbl || '_cache_generation_del', t.tbl);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE OF %s ON %I'
            ' FOR EACH ROW EXECUTE FUNCTION vesana_bump_cache_generation_row()',
            t.tbl || '_cache_generation_upd', t.cols, t.tbl);
    END LOOP;
END;
$$;

-- A tenant suspended or reactivated: its senders are refused or accepted again within seconds.
CREATE FUNCTION vesana_bump_own_cache_generation() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.cache_generation := OLD.cache_generation + 1;
    RETURN NEW;
END;
$$;
CREATE TRIGGER tenants_cache_generation_status BEFORE UPDATE OF status ON tenants
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION vesana_bump_own_cache_generation();
