-- Vesana schema, part 2: what is monitored and how. Collectors, agents, host groups, hosts,
-- profiles with their checks, per-host service instances, dependencies, stored check credentials,
-- and the vendor-shipped profile template catalog.
--
-- Configuration only. Runtime state (current_status, host_status, check_results, state_changes)
-- lives in part 3, so that the hot write path never touches these rows.

-- Check settings ---------------------------------------------------------------------------------
-- Settings are one JSON object per check kind (the application maps each kind to a sealed type).
-- The database checks the shape that every writer must respect: an object, the keys a kind cannot
-- run without, and no secret-looking keys (secrets go to credentials.secret_ciphertext).

CREATE FUNCTION vesana_settings_without_secrets(settings jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT jsonb_typeof(settings) = 'object'
       AND NOT (settings ?| ARRAY['password', 'passphrase', 'secret', 'community', 'private_key',
                                  'auth_password', 'priv_password', 'auth_key', 'priv_key',
                                  'token', 'api_key', 'bearer_token'])
$$;

CREATE FUNCTION vesana_check_settings_valid(kind text, settings jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT vesana_settings_without_secrets(settings)
       AND CASE kind
               WHEN 'agent'         THEN settings ? 'check'
               WHEN 'nagios_plugin' THEN settings ? 'command'
               WHEN 'snmp'          THEN settings ? 'oid'
               WHEN 'tcp'           THEN settings ? 'port'
               WHEN 'dns'           THEN settings ? 'query'
               WHEN 'ssh'           THEN settings ? 'command'
               WHEN 'http'          THEN settings ? 'url'
               WHEN 'ping'          THEN true
               WHEN 'nsca'          THEN true
               WHEN 'passive'       THEN true
               ELSE false
           END
$$;

-- Global template catalog ----------------------------------------------------------------------
-- Shipped with Vesana (not customer data): e.g. "APC Smart UPS", matched by SNMP sysObjectID.
-- A tenant copies a template into its own profile; the template is never edited by tenants.

CREATE TABLE profile_templates (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            text NOT NULL,
    vendor          text,
    name            text NOT NULL,
    description     text,
    -- sysObjectID prefixes this template matches (e.g. '1.3.6.1.4.1.318.1.3').
    sys_object_ids  text[] NOT NULL DEFAULT '{}',
    catalog_version integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         bigint NOT NULL DEFAULT 0,
    CONSTRAINT profile_templates_slug_key UNIQUE (slug),
    CONSTRAINT profile_templates_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$')
);
CREATE INDEX profile_templates_sys_object_ids_idx ON profile_templates USING gin (sys_object_ids);

CREATE TABLE profile_template_checks (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    template_id         bigint NOT NULL REFERENCES profile_templates (id) ON DELETE CASCADE,
    name                text NOT NULL,
    kind                text NOT NULL,
    settings            jsonb NOT NULL DEFAULT '{}',
    check_interval_s    integer NOT NULL DEFAULT 60,
    retry_interval_s    integer NOT NULL DEFAULT 60,
    max_check_attempts  smallint NOT NULL DEFAULT 3,
    warn_threshold      jsonb,
    crit_threshold      jsonb,
    CONSTRAINT profile_template_checks_name_key UNIQUE (template_id, name),
    CONSTRAINT profile_template_checks_kind_check CHECK (kind IN
        ('agent', 'nagios_plugin', 'snmp', 'ping', 'tcp', 'dns', 'ssh', 'http', 'nsca', 'passive')),
    CONSTRAINT profile_template_checks_settings_check CHECK (vesana_check_settings_valid(kind, settings)),
    CONSTRAINT profile_template_checks_intervals_check
        CHECK (check_interval_s > 0 AND retry_interval_s > 0 AND max_check_attempts BETWEEN 1 AND 100)
);

-- Edge components ------------------------------------------------------------------------------

CREATE TABLE collectors (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         bigint NOT NULL REFERENCES tenants (id),
    name              text NOT NULL,
    description       text,
    api_key_id        bigint,
    status            text NOT NULL DEFAULT 'pending',
    software_version  text,
    last_seen_at      timestamptz,
    last_address      inet,
    -- ETag of the configuration last delivered; the collector sends it back (If-None-Match).
    config_etag       text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           bigint NOT NULL DEFAULT 0,
    CONSTRAINT collectors_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT collectors_api_key_fk FOREIGN KEY (tenant_id, api_key_id)
        REFERENCES api_keys (tenant_id, id) ON DELETE SET NULL (api_key_id),
    CONSTRAINT collectors_status_check CHECK (status IN ('pending', 'online', 'offline', 'disabled'))
);
CREATE UNIQUE INDEX collectors_tenant_name_key ON collectors (tenant_id, lower(name));
CREATE INDEX collectors_api_key_idx ON collectors (tenant_id, api_key_id);
-- The dead-collector watcher looks across tenants for silent collectors.
CREATE INDEX collectors_last_seen_idx ON collectors (last_seen_at) WHERE status = 'online';

CREATE TABLE host_groups (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES tenants (id),
    parent_id    bigint,
    name         text NOT NULL,
    description  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint NOT NULL DEFAULT 0,
    CONSTRAINT host_groups_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT host_groups_parent_fk FOREIGN KEY (tenant_id, parent_id)
        REFERENCES host_groups (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT host_groups_not_own_parent CHECK (parent_id <> id),
    CONSTRAINT host_groups_name_not_blank CHECK (btrim(name) <> '')
);
-- Sibling names are unique; longer cycles are prevented by the application.
CREATE UNIQUE INDEX host_groups_sibling_name_key
    ON host_groups (tenant_id, coalesce(parent_id, 0), lower(name));
CREATE INDEX host_groups_parent_idx ON host_groups (tenant_id, parent_id);

CREATE TABLE profiles (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id             bigint NOT NULL REFERENCES tenants (id),
    name                  text NOT NULL,
    description           text,
    -- Template this profile was created from (global catalog); NULL for hand-made profiles.
    template_id           bigint REFERENCES profile_templates (id) ON DELETE SET NULL,
    -- When a host gets this profile, create a host service for each enabled profile check.
    auto_create_services  boolean NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    version               bigint NOT NULL DEFAULT 0,
    CONSTRAINT profiles_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT profiles_name_not_blank CHECK (btrim(name) <> '')
);
CREATE UNIQUE INDEX profiles_tenant_name_key ON profiles (tenant_id, lower(name));
CREATE INDEX profiles_template_idx ON profiles (template_id);

-- Secrets a check needs (SNMP community/USM keys, SSH password or key, HTTP credentials).
-- Non-secret parts (user name, auth protocol) are in settings; the secret only as ciphertext.
CREATE TABLE credentials (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id          bigint NOT NULL REFERENCES tenants (id),
    name               text NOT NULL,
    kind               text NOT NULL,
    username           text,
    settings           jsonb NOT NULL DEFAULT '{}',
    secret_ciphertext  bytea NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            bigint NOT NULL DEFAULT 0,
    CONSTRAINT credentials_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT credentials_kind_check CHECK (kind IN
        ('snmp_community', 'snmp_usm', 'ssh_password', 'ssh_key', 'http_basic', 'http_bearer')),
    CONSTRAINT credentials_settings_check CHECK (vesana_settings_without_secrets(settings))
);
CREATE UNIQUE INDEX credentials_tenant_name_key ON credentials (tenant_id, lower(name));

CREATE TABLE profile_checks (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id              bigint NOT NULL REFERENCES tenants (id),
    profile_id             bigint NOT NULL,
    name                   text NOT NULL,
    kind                   text NOT NULL,
    settings               jsonb NOT NULL DEFAULT '{}',
    credential_id          bigint,
    check_interval_s       integer NOT NULL DEFAULT 60,
    retry_interval_s       integer NOT NULL DEFAULT 60,
    max_check_attempts     smallint NOT NULL DEFAULT 3,
    -- Nagios-style ranges per perfdata label, e.g. {"load1": "5", "disk_free": "@0:10"}.
    warn_threshold         jsonb,
    crit_threshold         jsonb,
    -- Passive kinds: no result for this long → UNKNOWN ("stale").
    freshness_threshold_s  integer,
    flap_detection         boolean NOT NULL DEFAULT true,
    enabled                boolean NOT NULL DEFAULT true,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                bigint NOT NULL DEFAULT 0,
    CONSTRAINT profile_checks_tenant_id_id_key UNIQUE (tenant_id, id),
    -- Lets host_services pin the kind of the check they instantiate.
    CONSTRAINT profile_checks_tenant_id_id_kind_key UNIQUE (tenant_id, id, kind),
    CONSTRAINT profile_checks_profile_fk FOREIGN KEY (tenant_id, profile_id)
        REFERENCES profiles (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT profile_checks_credential_fk FOREIGN KEY (tenant_id, credential_id)
        REFERENCES credentials (tenant_id, id) ON DELETE RESTRICT,
    CONSTRAINT profile_checks_kind_check CHECK (kind IN
        ('agent', 'nagios_plugin', 'snmp', 'ping', 'tcp', 'dns', 'ssh', 'http', 'nsca', 'passive')),
    CONSTRAINT profile_checks_settings_check CHECK (vesana_check_settings_valid(kind, settings)),
    CONSTRAINT profile_checks_intervals_check
        CHECK (check_interval_s > 0 AND retry_interval_s > 0 AND max_check_attempts BETWEEN 1 AND 100),
    CONSTRAINT profile_checks_freshness_check CHECK (freshness_threshold_s > 0),
    CONSTRAINT profile_checks_thresholds_check CHECK (
        (warn_threshold IS NULL OR jsonb_typeof(warn_threshold) = 'object')
        AND (crit_threshold IS NULL OR jsonb_typeof(crit_threshold) = 'object'))
);
CREATE UNIQUE INDEX profile_checks_profile_name_key ON profile_checks (tenant_id, profile_id, lower(name));
CREATE INDEX profile_checks_credential_idx ON profile_checks (tenant_id, credential_id)
    WHERE credential_id IS NOT NULL;

-- Agent tokens come from part 1; the host link is set on enrolment (or later by an operator).
CREATE TABLE hosts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL REFERENCES tenants (id),
    name           text NOT NULL,
    display_name   text,
    -- IP address or DNS name the collector checks.
    address        text,
    host_group_id  bigint,
    profile_id     bigint,
    -- Collector that runs this host's remote checks; NULL for agent-only or passive hosts.
    collector_id   bigint,
    enabled        boolean NOT NULL DEFAULT true,
    labels         jsonb NOT NULL DEFAULT '{}',
    notes          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint NOT NULL DEFAULT 0,
    CONSTRAINT hosts_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT hosts_host_group_fk FOREIGN KEY (tenant_id, host_group_id)
        REFERENCES host_groups (tenant_id, id) ON DELETE SET NULL (host_group_id),
    CONSTRAINT hosts_profile_fk FOREIGN KEY (tenant_id, profile_id)
        REFERENCES profiles (tenant_id, id) ON DELETE RESTRICT,
    CONSTRAINT hosts_collector_fk FOREIGN KEY (tenant_id, collector_id)
        REFERENCES collectors (tenant_id, id) ON DELETE SET NULL (collector_id),
    CONSTRAINT hosts_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT hosts_labels_object CHECK (jsonb_typeof(labels) = 'object')
);
CREATE UNIQUE INDEX hosts_tenant_name_key ON hosts (tenant_id, lower(name));
CREATE INDEX hosts_host_group_idx ON hosts (tenant_id, host_group_id);
CREATE INDEX hosts_profile_idx ON hosts (tenant_id, profile_id);
CREATE INDEX hosts_collector_idx ON hosts (tenant_id, collector_id);
CREATE INDEX hosts_labels_idx ON hosts USING gin (labels jsonb_path_ops);

-- One agent per host. The link lives only here (agents.host_id, unique) so there is a single
-- source of truth for "which agent reports for this host".
CREATE TABLE agents (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         bigint NOT NULL REFERENCES tenants (id),
    host_id           bigint,
    token_id          bigint,
    hostname          text,
    software_version  text,
    os                text,
    arch              text,
    status            text NOT NULL DEFAULT 'pending',
    last_seen_at      timestamptz,
    last_address      inet,
    config_etag       text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           bigint NOT NULL DEFAULT 0,
    CONSTRAINT agents_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT agents_host_key UNIQUE (tenant_id, host_id),
    CONSTRAINT agents_host_fk FOREIGN KEY (tenant_id, host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE SET NULL (host_id),
    CONSTRAINT agents_token_fk FOREIGN KEY (tenant_id, token_id)
        REFERENCES agent_tokens (tenant_id, id) ON DELETE SET NULL (token_id),
    CONSTRAINT agents_status_check CHECK (status IN ('pending', 'online', 'offline', 'disabled'))
);
CREATE INDEX agents_token_idx ON agents (tenant_id, token_id);
CREATE INDEX agents_last_seen_idx ON agents (last_seen_at) WHERE status = 'online';

-- A check instance on one host. Either instantiates a profile check (profile_check_id, whose
-- settings apply, patched by overrides) or is standalone (settings required).
CREATE TABLE host_services (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id              bigint NOT NULL REFERENCES tenants (id),
    host_id                bigint NOT NULL,
    profile_check_id       bigint,
    name                   text NOT NULL,
    kind                   text NOT NULL,
    settings               jsonb,
    overrides              jsonb NOT NULL DEFAULT '{}',
    credential_id          bigint,
    -- NULL = inherit from the profile check.
    check_interval_s       integer,
    retry_interval_s       integer,
    max_check_attempts     smallint,
    warn_threshold         jsonb,
    crit_threshold         jsonb,
    freshness_threshold_s  integer,
    -- The service whose state is the host's state (UP/DOWN); at most one per host.
    is_host_check          boolean NOT NULL DEFAULT false,
    enabled                boolean NOT NULL DEFAULT true,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                bigint NOT NULL DEFAULT 0,
    CONSTRAINT host_services_tenant_id_id_key UNIQUE (tenant_id, id),
    -- Lets alerts, acknowledgements and downtimes state host and service consistently.
    CONSTRAINT host_services_tenant_host_id_key UNIQUE (tenant_id, host_id, id),
    CONSTRAINT host_services_host_fk FOREIGN KEY (tenant_id, host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT host_services_profile_check_fk FOREIGN KEY (tenant_id, profile_check_id, kind)
        REFERENCES profile_checks (tenant_id, id, kind) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT host_services_credential_fk FOREIGN KEY (tenant_id, credential_id)
        REFERENCES credentials (tenant_id, id) ON DELETE RESTRICT,
    CONSTRAINT host_services_kind_check CHECK (kind IN
        ('agent', 'nagios_plugin', 'snmp', 'ping', 'tcp', 'dns', 'ssh', 'http', 'nsca', 'passive')),
    CONSTRAINT host_services_settings_source CHECK (profile_check_id IS NOT NULL OR settings IS NOT NULL),
    CONSTRAINT host_services_settings_check
        CHECK (settings IS NULL OR vesana_check_settings_valid(kind, settings)),
    CONSTRAINT host_services_overrides_check CHECK (vesana_settings_without_secrets(overrides)),
    CONSTRAINT host_services_intervals_check CHECK (
        check_interval_s > 0 AND retry_interval_s > 0 AND max_check_attempts BETWEEN 1 AND 100),
    CONSTRAINT host_services_freshness_check CHECK (freshness_threshold_s > 0),
    CONSTRAINT host_services_name_not_blank CHECK (btrim(name) <> '')
);
CREATE UNIQUE INDEX host_services_host_name_key ON host_services (tenant_id, host_id, lower(name));
CREATE UNIQUE INDEX host_services_host_check_key ON host_services (tenant_id, host_id)
    WHERE is_host_check;
CREATE INDEX host_services_profile_check_idx ON host_services (tenant_id, profile_check_id, kind);
CREATE INDEX host_services_credential_idx ON host_services (tenant_id, credential_id)
    WHERE credential_id IS NOT NULL;

-- "child is unreachable/irrelevant when parent is down": host or service on each side.
CREATE TABLE dependencies (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id              bigint NOT NULL REFERENCES tenants (id),
    parent_host_id         bigint,
    parent_service_id      bigint,
    child_host_id          bigint,
    child_service_id       bigint,
    -- Suppress the child's notifications while the parent has a problem.
    disable_notifications  boolean NOT NULL DEFAULT true,
    ignore_soft_states     boolean NOT NULL DEFAULT true,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                bigint NOT NULL DEFAULT 0,
    CONSTRAINT dependencies_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT dependencies_parent_host_fk FOREIGN KEY (tenant_id, parent_host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT dependencies_parent_service_fk FOREIGN KEY (tenant_id, parent_service_id)
        REFERENCES host_services (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT dependencies_child_host_fk FOREIGN KEY (tenant_id, child_host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT dependencies_child_service_fk FOREIGN KEY (tenant_id, child_service_id)
        REFERENCES host_services (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT dependencies_one_parent CHECK (num_nonnulls(parent_host_id, parent_service_id) = 1),
    CONSTRAINT dependencies_one_child CHECK (num_nonnulls(child_host_id, child_service_id) = 1),
    CONSTRAINT dependencies_not_self CHECK (
        parent_host_id IS DISTINCT FROM child_host_id
        OR parent_service_id IS DISTINCT FROM child_service_id)
);
CREATE UNIQUE INDEX dependencies_edge_key ON dependencies (tenant_id,
    coalesce(parent_host_id, 0), coalesce(parent_service_id, 0),
    coalesce(child_host_id, 0), coalesce(child_service_id, 0));
CREATE INDEX dependencies_parent_host_idx ON dependencies (tenant_id, parent_host_id);
CREATE INDEX dependencies_parent_service_idx ON dependencies (tenant_id, parent_service_id);
CREATE INDEX dependencies_child_host_idx ON dependencies (tenant_id, child_host_id);
CREATE INDEX dependencies_child_service_idx ON dependencies (tenant_id, child_service_id);
