-- Vesana schema, part 3: runtime state. Written by the workers on every result.
--
-- States: services 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; hosts 0 UP, 1 DOWN, 2 UNREACHABLE.
-- state_type: 0 soft, 1 hard (smallint: these rows are written ~1000 times a second).

-- check_results ----------------------------------------------------------------------------------
-- Every result, append-only, time-partitioned on checked_at. The primary key also deduplicates
-- results a collector or agent replays from its spool (INSERT ... ON CONFLICT DO NOTHING).
-- With TimescaleDB available: a hypertable with 1-day chunks, compression after 7 days and a
-- 90-day retention policy. Without: native range partitions per UTC day, named
-- check_results_pYYYYMMDD, created ahead of time by vesana_ensure_check_result_partitions (which a
-- watcher calls daily) and dropped by vesana_drop_check_result_partitions_before. There is no
-- DEFAULT partition: a result outside the prepared range is rejected, never silently parked.

DO $$
DECLARE
    use_timescale boolean;
BEGIN
    -- Available is not enough: TimescaleDB must also be preloaded, or CREATE EXTENSION fails.
    use_timescale :=
        EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
        AND current_setting('shared_preload_libraries', true) LIKE '%timescaledb%';

    IF use_timescale THEN
        EXECUTE 'CREATE EXTENSION IF NOT EXISTS timescaledb';
    END IF;
    -- One definition for both storage engines; only the partitioning differs.
    EXECUTE $ddl$
            CREATE TABLE check_results (
                tenant_id     bigint NOT NULL REFERENCES tenants (id),
                service_id    bigint NOT NULL,
                checked_at    timestamptz NOT NULL,
                received_at   timestamptz NOT NULL DEFAULT now(),
                state         smallint NOT NULL,
                state_type    smallint NOT NULL,
                attempt       smallint NOT NULL DEFAULT 1,
                output        text,
                long_output   text,
                perfdata      jsonb,
                latency_ms    integer,
                execution_ms  integer,
                source        text NOT NULL,
                PRIMARY KEY (tenant_id, service_id, checked_at),
                CONSTRAINT check_results_service_fk FOREIGN KEY (tenant_id, service_id)
                    REFERENCES host_services (tenant_id, id) ON DELETE CASCADE,
                CONSTRAINT check_results_state_check CHECK (state BETWEEN 0 AND 3),
                CONSTRAINT check_results_state_type_check CHECK (state_type IN (0, 1)),
                CONSTRAINT check_results_attempt_check CHECK (attempt >= 1),
                CONSTRAINT check_results_source_check
                    CHECK (source IN ('agent', 'collector', 'nsca', 'nrdp', 'api', 'server'))
            )
        $ddl$ || CASE WHEN use_timescale THEN '' ELSE ' PARTITION BY RANGE (checked_at)' END;
    IF use_timescale THEN
        EXECUTE $ddl$
            SELECT create_hypertable('check_results', 'checked_at',
                                     chunk_time_interval => interval '1 day')
        $ddl$;
        EXECUTE $ddl$
            ALTER TABLE check_results SET (
                timescaledb.compress,
                timescaledb.compress_segmentby = 'tenant_id, service_id',
                timescaledb.compress_orderby = 'checked_at DESC')
        $ddl$;
        EXECUTE $ddl$ SELECT add_compression_policy('check_results', interval '7 days') $ddl$;
        EXECUTE $ddl$ SELECT add_retention_policy('check_results', interval '90 days') $ddl$;
    END IF;
END;
$$;

COMMENT ON TABLE check_results IS
    'Every check result; TimescaleDB hypertable when available, else daily range partitions (UTC).';

-- Returns the number of daily partitions it created (0 when all exist, or under TimescaleDB,
-- whose chunks are created on demand). Safe to call concurrently and repeatedly.
CREATE FUNCTION vesana_ensure_check_result_partitions(days_back integer, days_ahead integer)
    RETURNS integer
    LANGUAGE plpgsql AS $$
DECLARE
    today    date := (now() AT TIME ZONE 'UTC')::date;
    day      date;
    part     text;
    created  integer := 0;
BEGIN
    IF days_back < 0 OR days_ahead < 0 THEN
        RAISE EXCEPTION 'days_back and days_ahead must not be negative (got %, %)', days_back, days_ahead;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'check_results'::regclass) THEN
        RETURN 0;
    END IF;
    -- Serialise concurrent callers (several workers run the watcher); released at commit.
    PERFORM pg_advisory_xact_lock(hashtext('vesana_check_result_partitions'));
    FOR day IN SELECT generate_series(today - days_back, today + days_ahead, interval '1 day')::date LOOP
        part := 'check_results_p' || to_char(day, 'YYYYMMDD');
        IF to_regclass(part) IS NULL THEN
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF check_results FOR VALUES FROM (%L) TO (%L)',
                part,
                (day::timestamp AT TIME ZONE 'UTC'),
                ((day + 1)::timestamp AT TIME ZONE 'UTC'));
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END;
$$;

-- Drops every whole partition (or, under TimescaleDB, chunk) that ends at or before cutoff.
-- Returns how many it dropped. Dropping a partition briefly locks check_results.
CREATE FUNCTION vesana_drop_check_result_partitions_before(cutoff timestamptz)
    RETURNS integer
    LANGUAGE plpgsql AS $$
DECLARE
    part     record;
    dropped  integer := 0;
BEGIN
    IF cutoff IS NULL THEN
        RAISE EXCEPTION 'cutoff must not be null';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'check_results'::regclass) THEN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
            EXECUTE 'SELECT count(*)::integer FROM drop_chunks(''check_results'', older_than => $1)'
                INTO dropped USING cutoff;
        END IF;
        RETURN dropped;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('vesana_check_result_partitions'));
    FOR part IN
        SELECT c.oid::regclass AS rel,
               substring(pg_get_expr(c.relpartbound, c.oid) FROM 'TO \(''([^'']+)''\)')::timestamptz
                   AS upper_bound
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'check_results'::regclass
    LOOP
        IF part.upper_bound <= cutoff THEN
            EXECUTE format('DROP TABLE %s', part.rel);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END;
$$;

SELECT vesana_ensure_check_result_partitions(8, 7);

-- current_status -----------------------------------------------------------------------------------
-- One row per service, updated in place on every result. fillfactor 80 leaves room on each page
-- for HOT updates; only the columns of rarely-changing indexes (tenant_id, host_id, state) are
-- indexed. No optimistic lock: writers guard with "WHERE last_check_at < new checked_at".
CREATE TABLE current_status (
    service_id           bigint PRIMARY KEY,
    tenant_id            bigint NOT NULL REFERENCES tenants (id),
    host_id              bigint NOT NULL,
    state                smallint NOT NULL DEFAULT 3,
    state_type           smallint NOT NULL DEFAULT 1,
    attempt              smallint NOT NULL DEFAULT 1,
    last_check_at        timestamptz,
    next_check_due_at    timestamptz,
    last_change_at       timestamptz,
    last_hard_state      smallint NOT NULL DEFAULT 3,
    last_hard_change_at  timestamptz,
    last_ok_at           timestamptz,
    output               text,
    long_output          text,
    perfdata             jsonb,
    latency_ms           integer,
    execution_ms         integer,
    acknowledged         boolean NOT NULL DEFAULT false,
    in_downtime          boolean NOT NULL DEFAULT false,
    flapping             boolean NOT NULL DEFAULT false,
    -- Share of state changes in the flap window, 0..100.
    flap_percent         real NOT NULL DEFAULT 0,
    -- Recent states, newest last, for flap detection.
    recent_states        smallint[] NOT NULL DEFAULT '{}',
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT current_status_service_fk FOREIGN KEY (tenant_id, host_id, service_id)
        REFERENCES host_services (tenant_id, host_id, id) ON DELETE CASCADE,
    CONSTRAINT current_status_state_check CHECK (state BETWEEN 0 AND 3 AND last_hard_state BETWEEN 0 AND 3),
    CONSTRAINT current_status_state_type_check CHECK (state_type IN (0, 1)),
    CONSTRAINT current_status_attempt_check CHECK (attempt >= 1),
    CONSTRAINT current_status_flap_percent_check CHECK (flap_percent BETWEEN 0 AND 100)
) WITH (fillfactor = 80);
CREATE INDEX current_status_tenant_host_idx ON current_status (tenant_id, host_id, service_id);
-- Problem list: non-OK services of a tenant, newest change first.
CREATE INDEX current_status_problems_idx ON current_status (tenant_id, state, last_change_at DESC)
    WHERE state <> 0;

-- Host state, derived from the host-check service and dependencies (UNREACHABLE).
CREATE TABLE host_status (
    host_id              bigint PRIMARY KEY,
    tenant_id            bigint NOT NULL REFERENCES tenants (id),
    state                smallint NOT NULL DEFAULT 0,
    state_type           smallint NOT NULL DEFAULT 1,
    attempt              smallint NOT NULL DEFAULT 1,
    last_check_at        timestamptz,
    last_change_at       timestamptz,
    last_hard_state      smallint NOT NULL DEFAULT 0,
    last_hard_change_at  timestamptz,
    output               text,
    acknowledged         boolean NOT NULL DEFAULT false,
    in_downtime          boolean NOT NULL DEFAULT false,
    flapping             boolean NOT NULL DEFAULT false,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT host_status_host_fk FOREIGN KEY (tenant_id, host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT host_status_state_check CHECK (state BETWEEN 0 AND 2 AND last_hard_state BETWEEN 0 AND 2),
    CONSTRAINT host_status_state_type_check CHECK (state_type IN (0, 1)),
    CONSTRAINT host_status_attempt_check CHECK (attempt >= 1)
) WITH (fillfactor = 80);
CREATE INDEX host_status_tenant_host_idx ON host_status (tenant_id, host_id);
CREATE INDEX host_status_problems_idx ON host_status (tenant_id, state, last_change_at DESC)
    WHERE state <> 0;

-- state_changes ------------------------------------------------------------------------------------
-- History of state transitions (soft and hard) of hosts (service_id NULL) and services.
-- Much smaller than check_results; feeds availability reports and flapping analysis.
CREATE TABLE state_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenants (id),
    host_id     bigint NOT NULL,
    service_id  bigint,
    changed_at  timestamptz NOT NULL,
    old_state   smallint NOT NULL,
    new_state   smallint NOT NULL,
    state_type  smallint NOT NULL,
    attempt     smallint NOT NULL DEFAULT 1,
    output      text,
    CONSTRAINT state_changes_host_fk FOREIGN KEY (tenant_id, host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT state_changes_service_fk FOREIGN KEY (tenant_id, host_id, service_id)
        REFERENCES host_services (tenant_id, host_id, id) ON DELETE CASCADE,
    CONSTRAINT state_changes_state_check CHECK (old_state BETWEEN 0 AND 3 AND new_state BETWEEN 0 AND 3),
    CONSTRAINT state_changes_state_type_check CHECK (state_type IN (0, 1))
);
CREATE INDEX state_changes_host_idx ON state_changes (tenant_id, host_id, changed_at DESC);
CREATE INDEX state_changes_service_idx ON state_changes (tenant_id, host_id, service_id, changed_at DESC);
CREATE INDEX state_changes_changed_at_idx ON state_changes USING brin (changed_at);

-- Retention for state history; returns rows deleted.
CREATE FUNCTION vesana_purge_state_changes_before(cutoff timestamptz) RETURNS bigint
    LANGUAGE sql AS $$
    WITH gone AS (DELETE FROM state_changes WHERE changed_at < cutoff RETURNING 1)
    SELECT count(*) FROM gone
$$;
