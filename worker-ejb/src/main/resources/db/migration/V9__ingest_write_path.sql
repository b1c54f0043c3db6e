-- check_results without foreign keys ---------------------------------------------------------------
-- check_results is the append-only time series: by far the most written table. Its two foreign
-- keys (tenant_id → tenants, (tenant_id, service_id) → host_services) cost more than the insert
-- itself: measured on our 2-core machine, 100k rows took 12.6 µs/row with the service key and
-- 4.8 µs/row without. Time-series stores generally carry no foreign keys, and here none is needed:
--
-- * Integrity at write: the worker is the only writer, and it stores a result only while holding
--   the service's current_status row, which references host_services (tenant_id, host_id, id); a
--   (tenant, service) pair that does not exist there fails the current_status insert and the batch
--   (tested in TenantIsolationIT and IngestPipelineIT).
-- * Isolation at read: history is always read for a service resolved through host_services under
--   the reader's tenant scope, so a row can only be reached through its own tenant's service.
-- * Deletion: deleting a service no longer cascades into every partition (which would lock and scan
--   each); its rows become unreachable and leave with their partition at retention, or are removed
--   by the purge watcher.
ALTER TABLE check_results DROP CONSTRAINT check_results_service_fk;
ALTER TABLE check_results DROP CONSTRAINT check_results_tenant_id_fkey;

COMMENT ON TABLE check_results IS
    'Every check result; TimescaleDB hypertable when available, else daily range partitions (UTC).'
    ' No foreign keys by design (V9): written only under the current_status row lock.';

-- current_status: room for HOT updates, early vacuum ------------------------------------------------
-- Every result rewrites its service's row, so the whole table turns over every check interval. An
-- update stays HOT (no index writes, no table growth) only while the row's page has room for the
-- new version until the old one can be pruned, which is after the oldest open snapshot. Rows are
-- ~600 bytes (output, perfdata); with fillfactor 80 a page kept room for ~3 new versions, and a
-- 100k-service table grew to 245 MB (456k dead tuples) in one minute of 12.5k results/s while a
-- long report query held its snapshot. fillfactor 50 leaves room for ~7 versions per page; the
-- table stays small (100k services ≈ 120 MB) and is vacuumed early and unthrottled.
-- (Affects new pages; an existing installation gets it fully after VACUUM FULL current_status.)
ALTER TABLE current_status SET (
    fillfactor = 50,
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0,
    autovacuum_analyze_scale_factor = 0.05);
ALTER TABLE host_status SET (
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0);

-- check_results partitions: no insert-triggered vacuum while a day is being written --------------
-- PostgreSQL vacuums an insert-only table every 20% of growth to set its visibility map. On today's
-- partition, written at thousands of rows a second, that is a scan of millions of rows over and over
-- (the benchmark saw it in a third of its samples of active backends). A day's partition is
-- vacuumed once instead, when the day is over (PartitionMaintenance, hourly). Analyze stays
-- automatic: it samples, it does not scan.
CREATE OR REPLACE FUNCTION vesana_ensure_check_result_partitions(days_back integer, days_ahead integer)
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
                'CREATE TABLE %I PARTITION OF check_results FOR VALUES FROM (%L) TO (%L)'
                    ' WITH (autovacuum_vacuum_insert_threshold = -1)',
                part,
                (day::timestamp AT TIME ZONE 'UTC'),
                ((day + 1)::timestamp AT TIME ZONE 'UTC'));
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END;
$$;

DO $$
DECLARE
    part regclass;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'check_results'::regclass) THEN
        FOR part IN SELECT inhrelid::regclass FROM pg_inherits
                     WHERE inhparent = 'check_results'::regclass LOOP
            EXECUTE format('ALTER TABLE %s SET (autovacuum_vacuum_insert_threshold = -1)', part);
        END LOOP;
    END IF;
END;
$$;
