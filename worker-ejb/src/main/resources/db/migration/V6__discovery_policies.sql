-- Vesana schema, part 6: network discovery (collector runs nmap + SNMP), profile suggestions
-- (suggest → review → apply) and declarative policies.

CREATE TABLE discoveries (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id             bigint NOT NULL REFERENCES tenants (id),
    collector_id          bigint NOT NULL,
    cidr                  cidr NOT NULL,
    -- Scan options (ports, SNMP credential ids to try, timing).
    options               jsonb NOT NULL DEFAULT '{}',
    status                text NOT NULL DEFAULT 'requested',
    requested_by_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    started_at            timestamptz,
    finished_at           timestamptz,
    error                 text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    version               bigint NOT NULL DEFAULT 0,
    CONSTRAINT discoveries_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT discoveries_collector_fk FOREIGN KEY (tenant_id, collector_id)
        REFERENCES collectors (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT discoveries_status_check
        CHECK (status IN ('requested', 'running', 'finished', 'failed', 'cancelled')),
    CONSTRAINT discoveries_options_check CHECK (vesana_settings_without_secrets(options)),
    CONSTRAINT discoveries_finished_after_start
        CHECK (finished_at IS NULL OR started_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX discoveries_tenant_created_idx ON discoveries (tenant_id, created_at DESC);
CREATE INDEX discoveries_collector_idx ON discoveries (tenant_id, collector_id, status);

CREATE TABLE discovered_hosts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        bigint NOT NULL REFERENCES tenants (id),
    discovery_id     bigint NOT NULL,
    address          inet NOT NULL,
    hostname         text,
    mac_address      macaddr,
    sys_object_id    text,
    sys_descr        text,
    -- [{"port": 22, "proto": "tcp", "service": "ssh"}, ...]
    open_ports       jsonb NOT NULL DEFAULT '[]',
    -- Existing host with this address, if any (so the UI offers "update" instead of "create").
    matched_host_id  bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT discovered_hosts_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT discovered_hosts_address_key UNIQUE (tenant_id, discovery_id, address),
    CONSTRAINT discovered_hosts_discovery_fk FOREIGN KEY (tenant_id, discovery_id)
        REFERENCES discoveries (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT discovered_hosts_host_fk FOREIGN KEY (tenant_id, matched_host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE SET NULL (matched_host_id),
    CONSTRAINT discovered_hosts_open_ports_array CHECK (jsonb_typeof(open_ports) = 'array')
);
CREATE INDEX discovered_hosts_host_idx ON discovered_hosts (tenant_id, matched_host_id);
CREATE INDEX discovered_hosts_sys_object_id_idx ON discovered_hosts (tenant_id, sys_object_id);

-- A suggested profile for a discovered host: a tenant profile, or a template from the catalog.
CREATE TABLE profile_suggestions (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id            bigint NOT NULL REFERENCES tenants (id),
    discovered_host_id   bigint NOT NULL,
    profile_id           bigint,
    template_id          bigint REFERENCES profile_templates (id) ON DELETE CASCADE,
    confidence           numeric(4, 3) NOT NULL,
    -- Why: e.g. {"sys_object_id_prefix": "1.3.6.1.4.1.318", "ports": [161]}.
    evidence             jsonb NOT NULL DEFAULT '{}',
    status               text NOT NULL DEFAULT 'suggested',
    decided_by_user_id   bigint REFERENCES users (id) ON DELETE SET NULL,
    decided_at           timestamptz,
    -- The host created or updated when the suggestion was accepted.
    applied_host_id      bigint,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              bigint NOT NULL DEFAULT 0,
    CONSTRAINT profile_suggestions_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT profile_suggestions_discovered_host_fk FOREIGN KEY (tenant_id, discovered_host_id)
        REFERENCES discovered_hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT profile_suggestions_profile_fk FOREIGN KEY (tenant_id, profile_id)
        REFERENCES profiles (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT profile_suggestions_host_fk FOREIGN KEY (tenant_id, applied_host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE SET NULL (applied_host_id),
    CONSTRAINT profile_suggestions_one_target CHECK (num_nonnulls(profile_id, template_id) = 1),
    CONSTRAINT profile_suggestions_confidence_check CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT profile_suggestions_status_check CHECK (status IN ('suggested', 'accepted', 'rejected')),
    CONSTRAINT profile_suggestions_decision_check CHECK ((status = 'suggested') = (decided_at IS NULL))
);
CREATE INDEX profile_suggestions_discovered_host_idx
    ON profile_suggestions (tenant_id, discovered_host_id, confidence DESC);
CREATE INDEX profile_suggestions_profile_idx ON profile_suggestions (tenant_id, profile_id);
CREATE INDEX profile_suggestions_host_idx ON profile_suggestions (tenant_id, applied_host_id);
CREATE INDEX profile_suggestions_template_idx ON profile_suggestions (template_id);
CREATE INDEX profile_suggestions_open_idx ON profile_suggestions (tenant_id, created_at DESC)
    WHERE status = 'suggested';

-- "On these hosts apply this configuration". rule: JsonLogic subset over host attributes
-- (labels, group, address, sys_object_id); actions: [{"set_profile": 4}, {"add_label": {...}}].
CREATE TABLE policies (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id                bigint NOT NULL REFERENCES tenants (id),
    name                     text NOT NULL,
    description              text,
    rule                     jsonb NOT NULL,
    actions                  jsonb NOT NULL,
    priority                 integer NOT NULL DEFAULT 0,
    enabled                  boolean NOT NULL DEFAULT false,
    -- Last dry run: which hosts would change and how, shown before enabling.
    dry_run_at               timestamptz,
    dry_run_by_user_id       bigint REFERENCES users (id) ON DELETE SET NULL,
    dry_run_result           jsonb,
    dry_run_matched_hosts    integer,
    last_applied_at          timestamptz,
    created_by_user_id       bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    version                  bigint NOT NULL DEFAULT 0,
    CONSTRAINT policies_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT policies_rule_object CHECK (jsonb_typeof(rule) = 'object'),
    CONSTRAINT policies_actions_array CHECK (jsonb_typeof(actions) = 'array' AND jsonb_array_length(actions) > 0),
    CONSTRAINT policies_dry_run_check CHECK (dry_run_matched_hosts >= 0)
);
CREATE UNIQUE INDEX policies_tenant_name_key ON policies (tenant_id, lower(name));
CREATE INDEX policies_enabled_idx ON policies (tenant_id, priority DESC) WHERE enabled;
