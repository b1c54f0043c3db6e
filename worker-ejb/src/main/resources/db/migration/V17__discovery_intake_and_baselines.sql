-- Vesana schema, part 17: discovery uploads stored idempotently, a starter template catalog for
-- profile suggestions, and per-service metric baselines for anomaly flags.

-- Discovery uploads --------------------------------------------------------------------------------
-- A collector may upload the same scan twice (its spool replays after a lost answer, or the stream
-- re-delivers an entry whose acknowledgement was lost). The scan is identified by who ran it, what
-- it scanned and when it started; the worker inserts or fills in a row only if none has this key.
CREATE UNIQUE INDEX discoveries_scan_key
    ON discoveries (tenant_id, collector_id, cidr, started_at)
    WHERE started_at IS NOT NULL;
-- Pending scan requests are read by the collector's configuration fetch.
CREATE INDEX discoveries_requested_idx
    ON discoveries (tenant_id, collector_id, id)
    WHERE status = 'requested';

-- Starter template catalog -------------------------------------------------------------------------
-- Shipped data, not customer data (see V2). Suggestions match sys_object_ids by prefix; the port
-- rules of io.vesana.discovery.SuggestionRules name templates by slug. Checks are deliberately
-- plain (ping, TCP connect, SNMP sysUpTime / UPS output status): an operator refines the profile
-- the template becomes (SNMP checks need a credential assigned there).
INSERT INTO profile_templates (slug, vendor, name, description, sys_object_ids) VALUES
    ('apc-ups', 'APC', 'APC UPS', 'APC Smart-UPS / Symmetra with a network management card',
     ARRAY['1.3.6.1.4.1.318']),
    ('cisco-network-device', 'Cisco', 'Cisco network device', 'Cisco IOS switches and routers',
     ARRAY['1.3.6.1.4.1.9']),
    ('net-snmp-host', 'Net-SNMP', 'Net-SNMP host', 'Unix-like host running the net-snmp agent',
     ARRAY['1.3.6.1.4.1.8072']),
    ('windows-server', 'Microsoft', 'Windows server', 'Windows host reachable over RDP', '{}'),
    ('linux-ssh-server', NULL, 'Linux server (SSH)', 'Unix-like host reachable over SSH', '{}'),
    ('web-server', NULL, 'Web server', 'Host answering HTTP or HTTPS', '{}');

INSERT INTO profile_template_checks (template_id, name, kind, settings)
SELECT t.id, c.name, c.kind, c.settings::jsonb
  FROM profile_templates t
  JOIN (VALUES
        ('apc-ups', 'Ping', 'ping', '{}'),
        ('apc-ups', 'UPS output status', 'snmp', '{"oid": "1.3.6.1.4.1.318.1.1.1.4.1.1.0"}'),
        ('cisco-network-device', 'Ping', 'ping', '{}'),
        ('cisco-network-device', 'Uptime', 'snmp', '{"oid": "1.3.6.1.2.1.1.3.0"}'),
        ('net-snmp-host', 'Ping', 'ping', '{}'),
        ('net-snmp-host', 'Uptime', 'snmp', '{"oid": "1.3.6.1.2.1.1.3.0"}'),
        ('windows-server', 'Ping', 'ping', '{}'),
        ('windows-server', 'RDP port', 'tcp', '{"port": 3389}'),
        ('linux-ssh-server', 'Ping', 'ping', '{}'),
        ('linux-ssh-server', 'SSH port', 'tcp', '{"port": 22}'),
        ('web-server', 'Ping', 'ping', '{}'),
        ('web-server', 'HTTP port', 'tcp', '{"port": 80}')
       ) AS c (slug, name, kind, settings) ON c.slug = t.slug
ON CONFLICT DO NOTHING;

-- Metric baselines ---------------------------------------------------------------------------------
-- Per service and numeric perfdata label: mean and sample standard deviation over the window the
-- baseline watcher last computed. One row per (service, metric), replaced on every run; a metric
-- with no data in the window anymore is removed. Derived data: safe to truncate.
CREATE TABLE service_baselines (
    tenant_id     bigint NOT NULL REFERENCES tenants (id),
    service_id    bigint NOT NULL,
    metric        text NOT NULL,
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    samples       bigint NOT NULL,
    mean          double precision NOT NULL,
    stddev        double precision NOT NULL,
    min_value     double precision NOT NULL,
    max_value     double precision NOT NULL,
    computed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, service_id, metric),
    CONSTRAINT service_baselines_service_fk FOREIGN KEY (tenant_id, service_id)
        REFERENCES host_services (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT service_baselines_window_check CHECK (window_end > window_start),
    CONSTRAINT service_baselines_samples_check CHECK (samples > 0 AND stddev >= 0)
);
