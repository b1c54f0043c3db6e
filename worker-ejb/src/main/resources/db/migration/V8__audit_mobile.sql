-- Vesana schema, part 8: audit log and mobile push registrations.
-- (Settings tables are in part 1; dead-letter bookkeeping lives in Redis, not here.)

-- Every mutation emits one row. Append-only: the application never updates or deletes rows
-- except through vesana_purge_audit_log_before. Secrets in before/after are masked by the app.
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL only for system-level actions (tenant created, super admin added, system setting).
    tenant_id       bigint REFERENCES tenants (id),
    -- No foreign key: the record must outlive the user; actor_label keeps the name at the time.
    actor_user_id   bigint,
    actor_label     text NOT NULL,
    action          text NOT NULL,
    entity_type     text NOT NULL,
    entity_id       text,
    before          jsonb,
    after           jsonb,
    at              timestamptz NOT NULL DEFAULT now(),
    correlation_id  text,
    ip_address      inet,
    CONSTRAINT audit_log_action_format CHECK (action ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)*$')
);
CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (tenant_id, entity_type, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at DESC);
CREATE INDEX audit_log_at_idx ON audit_log USING brin (at);

-- Retention for the audit log; returns rows deleted.
CREATE FUNCTION vesana_purge_audit_log_before(cutoff timestamptz) RETURNS bigint
    LANGUAGE sql AS $$
    WITH gone AS (DELETE FROM audit_log WHERE at < cutoff RETURNING 1)
    SELECT count(*) FROM gone
$$;

-- FCM registration of a mobile device. The push token must be sent to FCM, so it is stored
-- encrypted (token_ciphertext); token_hash (SHA-256) finds an existing registration on re-login.
-- Belongs to a user like refresh_tokens: tenant_id mirrors the user's, NULL for super admins.
CREATE TABLE mobile_push_tokens (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         bigint REFERENCES tenants (id),
    user_id           bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform          text NOT NULL,
    token_hash        bytea NOT NULL,
    token_ciphertext  bytea NOT NULL,
    device_name       text,
    app_version       text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_seen_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at        timestamptz,
    CONSTRAINT mobile_push_tokens_user_fk FOREIGN KEY (tenant_id, user_id)
        REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT mobile_push_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT mobile_push_tokens_token_hash_sha256 CHECK (octet_length(token_hash) = 32),
    CONSTRAINT mobile_push_tokens_platform_check CHECK (platform IN ('android', 'ios'))
);
CREATE INDEX mobile_push_tokens_tenant_idx ON mobile_push_tokens (tenant_id, user_id);
CREATE INDEX mobile_push_tokens_user_idx ON mobile_push_tokens (user_id);
CREATE TRIGGER mobile_push_tokens_tenant BEFORE INSERT OR UPDATE OF user_id, tenant_id
    ON mobile_push_tokens FOR EACH ROW EXECUTE FUNCTION vesana_copy_user_tenant();

-- Retention for expired or revoked refresh tokens; returns rows deleted.
CREATE FUNCTION vesana_purge_refresh_tokens_before(cutoff timestamptz) RETURNS bigint
    LANGUAGE sql AS $$
    WITH gone AS (
        DELETE FROM refresh_tokens
         WHERE expires_at < cutoff OR revoked_at < cutoff
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
