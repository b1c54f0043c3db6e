-- The installation's own tenant and the pipeline self-test's synthetic host and service.
--
-- The self-test watcher puts a result for host 'vesana-self-test', service 'pipeline' on the ingest
-- stream as the receiver would, and measures when it reaches current_status. Owning them by a
-- reserved tenant keeps every tenant rule of the schema and the ingest path unchanged (no NULL
-- tenant, no special case in the worker) while no customer sees them:
--  * status 'suspended': login refuses users of a tenant that is not active, and it has none;
--  * the API leaves the slug 'vesana-internal' out of tenant lists, reads, updates and settings
--    (io.vesana.tenancy.ReservedTenant); the unique slug keeps anyone from creating it again.
-- Ingest does not look at a tenant's status, so results for it are still stored.

INSERT INTO tenants (slug, name, status)
VALUES ('vesana-internal', 'Vesana (internal)', 'suspended');

INSERT INTO hosts (tenant_id, name, display_name, notes)
SELECT id, 'vesana-self-test', 'Pipeline self-test',
       'Synthetic host of the pipeline self-test watcher; results come from the API, not an agent.'
FROM tenants WHERE slug = 'vesana-internal';

-- Passive, one attempt: every synthetic result is a hard state at once, no retries scheduled.
INSERT INTO host_services (tenant_id, host_id, name, kind, settings, max_check_attempts)
SELECT h.tenant_id, h.id, 'pipeline', 'passive', '{}', 1
FROM hosts h JOIN tenants t ON t.id = h.tenant_id
WHERE t.slug = 'vesana-internal' AND h.name = 'vesana-self-test';
