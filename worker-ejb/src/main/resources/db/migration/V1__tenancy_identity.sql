-- Vesana schema, part 1: tenants, users, roles, credentials of people and machines, settings.
--
-- Conventions (hold in every migration, checked by SchemaCatalogIT):
--  * ids are bigint GENERATED ALWAYS AS IDENTITY; timestamps are timestamptz;
--  * every table with customer data has tenant_id NOT NULL REFERENCES tenants(id) and an index that
--    starts with tenant_id; tables other tables point at have UNIQUE (tenant_id, id), and those
--    pointers are composite foreign keys (tenant_id, x_id) so a row can never reference another
--    tenant's row;
--  * secrets are bytea *_ciphertext (AES-256-GCM by the application, key id inside the ciphertext);
--    tokens and keys are stored as SHA-256 hashes (bytea, 32 octets) only;
--  * mutable aggregates carry version bigint (optimistic lock), created_at and updated_at.
--  * References to users(id) from tenant tables (authors, actors) are plain foreign keys: a super
--    admin has no tenant and may act in every tenant. They record who did something; they never
--    grant access.

-- Tenants --------------------------------------------------------------------------------------

CREATE TABLE tenants (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL,
    name        text NOT NULL,
    status      text NOT NULL DEFAULT 'active',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 0,
    CONSTRAINT tenants_slug_key UNIQUE (slug),
    -- DNS-label-like: used in URLs, metric labels and Redis keys.
    CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    CONSTRAINT tenants_name_not_blank CHECK (btrim(name) <> ''),
    -- Tenants are never hard-deleted while they hold data; 'deleted' hides them until purged.
    CONSTRAINT tenants_status_check CHECK (status IN ('active', 'suspended', 'deleted'))
);

-- Global catalog of permission codes a custom role can grant. Built-in roles are defined in code.
CREATE TABLE permissions (
    code         text PRIMARY KEY,
    description  text NOT NULL,
    CONSTRAINT permissions_code_format CHECK (code ~ '^[a-z][a-z_]*\.[a-z][a-z_]*$')
);

INSERT INTO permissions (code, description) VALUES
    ('hosts.read',            'See hosts, host groups, services and their state'),
    ('hosts.write',           'Create, change and delete hosts, host groups and services'),
    ('profiles.read',         'See profiles and profile checks'),
    ('profiles.write',        'Create, change and delete profiles and profile checks'),
    ('credentials.write',     'Create and replace stored check credentials'),
    ('collectors.manage',     'Register collectors and agents, issue and revoke their keys'),
    ('alerts.read',           'See alerts and their history'),
    ('alerts.acknowledge',    'Acknowledge and comment alerts'),
    ('downtimes.write',       'Schedule and cancel downtimes'),
    ('notifications.manage',  'Manage notification channels and rules'),
    ('discovery.run',         'Start discoveries and review profile suggestions'),
    ('policies.manage',       'Create, dry-run and apply policies'),
    ('wiki.read',             'Read the wiki'),
    ('wiki.write',            'Edit the wiki'),
    ('ai.ask',                'Ask the assistant'),
    ('reports.read',          'See reports'),
    ('audit.read',            'Read the audit log'),
    ('users.manage',          'Invite users, assign roles, manage custom roles'),
    ('settings.manage',       'Change tenant settings');

-- Users ----------------------------------------------------------------------------------------

CREATE TABLE users (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL only for super admins, who belong to no tenant and see all of them.
    tenant_id               bigint REFERENCES tenants (id),
    email                   text NOT NULL,
    display_name            text NOT NULL,
    -- Password hash string (argon2id/bcrypt, self-describing); NULL for SSO-only users.
    password_hash           text,
    is_super_admin          boolean NOT NULL DEFAULT false,
    status                  text NOT NULL DEFAULT 'active',
    totp_secret_ciphertext  bytea,
    totp_enabled            boolean NOT NULL DEFAULT false,
    require_2fa             boolean NOT NULL DEFAULT false,
    failed_logins           integer NOT NULL DEFAULT 0,
    locked_until            timestamptz,
    last_login_at           timestamptz,
    password_changed_at     timestamptz,
    locale                  text,
    time_zone               text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    version                 bigint NOT NULL DEFAULT 0,
    CONSTRAINT users_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT users_super_admin_has_no_tenant CHECK (is_super_admin = (tenant_id IS NULL)),
    CONSTRAINT users_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CONSTRAINT users_status_check CHECK (status IN ('invited', 'active', 'disabled')),
    CONSTRAINT users_totp_needs_secret CHECK (NOT totp_enabled OR totp_secret_ciphertext IS NOT NULL),
    CONSTRAINT users_failed_logins_check CHECK (failed_logins >= 0)
);
-- E-mail is the login name across all tenants.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- Tables below belong to a user, not to a tenant: a super admin needs them too. Their tenant_id
-- mirrors the user's (NULL exactly for super admins); the trigger fills it in, the composite
-- foreign key keeps it consistent for tenant users.
CREATE FUNCTION vesana_copy_user_tenant() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    SELECT u.tenant_id INTO NEW.tenant_id FROM users u WHERE u.id = NEW.user_id;
    RETURN NEW;
END;
$$;

CREATE TABLE user_recovery_codes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   bigint REFERENCES tenants (id),
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash   bytea NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_recovery_codes_user_fk FOREIGN KEY (tenant_id, user_id)
        REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT user_recovery_codes_code_hash_sha256 CHECK (octet_length(code_hash) = 32),
    CONSTRAINT user_recovery_codes_user_code_key UNIQUE (user_id, code_hash)
);
CREATE INDEX user_recovery_codes_tenant_idx ON user_recovery_codes (tenant_id, user_id);
CREATE TRIGGER user_recovery_codes_tenant BEFORE INSERT OR UPDATE OF user_id, tenant_id
    ON user_recovery_codes FOR EACH ROW EXECUTE FUNCTION vesana_copy_user_tenant();

CREATE TABLE refresh_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    bigint REFERENCES tenants (id),
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   bytea NOT NULL,
    -- All tokens of one login share a family; reuse of a rotated token revokes the whole family.
    family_id    uuid NOT NULL,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    -- The token that superseded this one on rotation (same user).
    replaced_by  bigint,
    client       text,
    ip_address   inet,
    CONSTRAINT refresh_tokens_user_fk FOREIGN KEY (tenant_id, user_id)
        REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT refresh_tokens_user_id_id_key UNIQUE (user_id, id),
    CONSTRAINT refresh_tokens_replaced_by_fk FOREIGN KEY (user_id, replaced_by)
        REFERENCES refresh_tokens (user_id, id) ON DELETE SET NULL (replaced_by),
    CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT refresh_tokens_token_hash_sha256 CHECK (octet_length(token_hash) = 32),
    CONSTRAINT refresh_tokens_expiry_check CHECK (expires_at > issued_at)
);
CREATE INDEX refresh_tokens_tenant_idx ON refresh_tokens (tenant_id, user_id);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_replaced_by_idx ON refresh_tokens (user_id, replaced_by);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
CREATE TRIGGER refresh_tokens_tenant BEFORE INSERT OR UPDATE OF user_id, tenant_id
    ON refresh_tokens FOR EACH ROW EXECUTE FUNCTION vesana_copy_user_tenant();

CREATE TABLE sso_identities (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint REFERENCES tenants (id),
    user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer         text NOT NULL,
    subject        text NOT NULL,
    email          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz,
    CONSTRAINT sso_identities_user_fk FOREIGN KEY (tenant_id, user_id)
        REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT sso_identities_issuer_subject_key UNIQUE (issuer, subject)
);
CREATE INDEX sso_identities_tenant_idx ON sso_identities (tenant_id, user_id);
CREATE INDEX sso_identities_user_idx ON sso_identities (user_id);
CREATE TRIGGER sso_identities_tenant BEFORE INSERT OR UPDATE OF user_id, tenant_id
    ON sso_identities FOR EACH ROW EXECUTE FUNCTION vesana_copy_user_tenant();

-- Roles ----------------------------------------------------------------------------------------
-- Built-in roles (super_admin, tenant_admin, operator, viewer) live in code. Custom roles are per
-- tenant: a set of permissions, optionally read access to other named tenants.

CREATE TABLE roles (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES tenants (id),
    name         text NOT NULL,
    description  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint NOT NULL DEFAULT 0,
    CONSTRAINT roles_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT roles_name_not_builtin
        CHECK (lower(name) NOT IN ('super_admin', 'tenant_admin', 'operator', 'viewer')),
    CONSTRAINT roles_name_not_blank CHECK (btrim(name) <> '')
);
CREATE UNIQUE INDEX roles_tenant_name_key ON roles (tenant_id, lower(name));

CREATE TABLE role_permissions (
    tenant_id   bigint NOT NULL REFERENCES tenants (id),
    role_id     bigint NOT NULL,
    permission  text NOT NULL REFERENCES permissions (code),
    PRIMARY KEY (tenant_id, role_id, permission),
    CONSTRAINT role_permissions_role_fk FOREIGN KEY (tenant_id, role_id)
        REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX role_permissions_permission_idx ON role_permissions (permission);

-- A custom role of tenant_id may read the named other tenant (e.g. an MSP's NOC role).
CREATE TABLE role_tenant_reads (
    tenant_id       bigint NOT NULL REFERENCES tenants (id),
    role_id         bigint NOT NULL,
    read_tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, role_id, read_tenant_id),
    CONSTRAINT role_tenant_reads_role_fk FOREIGN KEY (tenant_id, role_id)
        REFERENCES roles (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT role_tenant_reads_other_tenant CHECK (read_tenant_id <> tenant_id)
);
CREATE INDEX role_tenant_reads_read_tenant_idx ON role_tenant_reads (read_tenant_id);

-- Exactly one of role_name (built-in) or role_id (custom). Super admins need no assignment.
CREATE TABLE user_roles (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenants (id),
    user_id     bigint NOT NULL,
    role_name   text,
    role_id     bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_roles_user_fk FOREIGN KEY (tenant_id, user_id)
        REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT user_roles_role_fk FOREIGN KEY (tenant_id, role_id)
        REFERENCES roles (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT user_roles_one_role CHECK (num_nonnulls(role_name, role_id) = 1),
    CONSTRAINT user_roles_builtin_name CHECK (role_name IN ('tenant_admin', 'operator', 'viewer'))
);
CREATE UNIQUE INDEX user_roles_builtin_key ON user_roles (tenant_id, user_id, role_name)
    WHERE role_name IS NOT NULL;
CREATE UNIQUE INDEX user_roles_custom_key ON user_roles (tenant_id, user_id, role_id)
    WHERE role_id IS NOT NULL;
CREATE INDEX user_roles_tenant_user_idx ON user_roles (tenant_id, user_id);
CREATE INDEX user_roles_tenant_role_idx ON user_roles (tenant_id, role_id);

-- Machine credentials --------------------------------------------------------------------------

-- API keys authenticate collectors (X-API-Key) and automation clients against the receiver/API.
CREATE TABLE api_keys (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id           bigint NOT NULL REFERENCES tenants (id),
    name                text NOT NULL,
    purpose             text NOT NULL DEFAULT 'collector',
    key_hash            bytea NOT NULL,
    -- First characters of the key as shown once at creation, to recognise it in lists.
    prefix              text NOT NULL,
    created_by_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz,
    revoked_at          timestamptz,
    last_used_at        timestamptz,
    CONSTRAINT api_keys_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_key_hash_sha256 CHECK (octet_length(key_hash) = 32),
    CONSTRAINT api_keys_prefix_length CHECK (char_length(prefix) BETWEEN 4 AND 24),
    CONSTRAINT api_keys_purpose_check CHECK (purpose IN ('collector', 'automation'))
);

-- Agent tokens authenticate agents (X-Agent-Token). One token per agent; rotation adds a new row.
CREATE TABLE agent_tokens (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id           bigint NOT NULL REFERENCES tenants (id),
    token_hash          bytea NOT NULL,
    display_prefix      text NOT NULL,
    description         text,
    created_by_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz,
    revoked_at          timestamptz,
    last_used_at        timestamptz,
    CONSTRAINT agent_tokens_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT agent_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT agent_tokens_token_hash_sha256 CHECK (octet_length(token_hash) = 32),
    CONSTRAINT agent_tokens_prefix_length CHECK (char_length(display_prefix) BETWEEN 4 AND 24)
);

-- Settings -------------------------------------------------------------------------------------

-- Per-tenant settings as typed JSON values, e.g. 'security.require_2fa' = true.
CREATE TABLE tenant_settings (
    tenant_id           bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    key                 text NOT NULL,
    value               jsonb NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    updated_by_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    version             bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, key),
    CONSTRAINT tenant_settings_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$')
);

-- Installation-wide settings (retention defaults, instance name). Not customer data.
CREATE TABLE system_settings (
    key         text PRIMARY KEY,
    value       jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 0,
    CONSTRAINT system_settings_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$')
);

INSERT INTO system_settings (key, value) VALUES
    ('retention.check_results_days', '90'),
    ('retention.state_changes_days', '400'),
    ('retention.audit_log_days', '400'),
    ('retention.notification_deliveries_days', '90');
