-- Vesana schema, part 5: notification channels, routing rules and recorded deliveries.
-- Delivery is asynchronous: the alerting code inserts 'queued' rows; dispatchers claim due rows
-- with SELECT ... FOR UPDATE SKIP LOCKED, so several instances can dispatch at once.

CREATE TABLE notification_channels (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id          bigint NOT NULL REFERENCES tenants (id),
    name               text NOT NULL,
    kind               text NOT NULL,
    -- Non-secret, per-kind settings (SMTP host, webhook URL, Slack channel, ...).
    settings           jsonb NOT NULL DEFAULT '{}',
    -- Password, signing key, bot token, routing key: encrypted by the application.
    secret_ciphertext  bytea,
    enabled            boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            bigint NOT NULL DEFAULT 0,
    CONSTRAINT notification_channels_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT notification_channels_kind_check
        CHECK (kind IN ('smtp', 'webhook', 'slack', 'teams', 'telegram', 'pagerduty', 'fcm')),
    CONSTRAINT notification_channels_settings_check CHECK (vesana_settings_without_secrets(settings))
);
CREATE UNIQUE INDEX notification_channels_tenant_name_key
    ON notification_channels (tenant_id, lower(name));

CREATE TABLE notification_rules (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id            bigint NOT NULL REFERENCES tenants (id),
    name                 text NOT NULL,
    -- Which alerts: e.g. {"severities": ["critical"], "host_group_ids": [3], "labels": {...}}.
    match                jsonb NOT NULL DEFAULT '{}',
    channel_id           bigint NOT NULL,
    -- Escalation step: notify only once the alert has been open (unacknowledged) this long.
    escalation_delay_s   integer NOT NULL DEFAULT 0,
    -- Re-notify while the alert stays open; NULL = once.
    repeat_interval_s    integer,
    -- Recoveries are always sent to a channel that was notified of the problem.
    notify_on_recovery   boolean NOT NULL DEFAULT true,
    priority             integer NOT NULL DEFAULT 0,
    enabled              boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              bigint NOT NULL DEFAULT 0,
    CONSTRAINT notification_rules_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT notification_rules_channel_fk FOREIGN KEY (tenant_id, channel_id)
        REFERENCES notification_channels (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT notification_rules_match_object CHECK (jsonb_typeof(match) = 'object'),
    CONSTRAINT notification_rules_escalation_check CHECK (escalation_delay_s >= 0),
    CONSTRAINT notification_rules_repeat_check CHECK (repeat_interval_s > 0)
);
CREATE UNIQUE INDEX notification_rules_tenant_name_key ON notification_rules (tenant_id, lower(name));
CREATE INDEX notification_rules_channel_idx ON notification_rules (tenant_id, channel_id);

CREATE TABLE notification_deliveries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        bigint NOT NULL REFERENCES tenants (id),
    alert_id         bigint NOT NULL,
    channel_id       bigint NOT NULL,
    rule_id          bigint,
    reason           text NOT NULL,
    -- Set by the producer (e.g. 'alert:17:rule:4:problem:0') so that a retried or concurrent
    -- evaluation cannot queue the same notification twice.
    dedupe_ref       text NOT NULL,
    status           text NOT NULL DEFAULT 'queued',
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    sent_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint NOT NULL DEFAULT 0,
    CONSTRAINT notification_deliveries_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT notification_deliveries_dedupe_key UNIQUE (tenant_id, dedupe_ref),
    CONSTRAINT notification_deliveries_alert_fk FOREIGN KEY (tenant_id, alert_id)
        REFERENCES alerts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT notification_deliveries_channel_fk FOREIGN KEY (tenant_id, channel_id)
        REFERENCES notification_channels (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT notification_deliveries_rule_fk FOREIGN KEY (tenant_id, rule_id)
        REFERENCES notification_rules (tenant_id, id) ON DELETE SET NULL (rule_id),
    CONSTRAINT notification_deliveries_reason_check CHECK (reason IN
        ('problem', 'escalation', 'repeat', 'acknowledgement', 'recovery', 'flapping', 'downtime', 'test')),
    CONSTRAINT notification_deliveries_status_check CHECK (status IN
        ('queued', 'sent', 'failed_temporary', 'failed_permanent')),
    CONSTRAINT notification_deliveries_attempts_check CHECK (attempts >= 0),
    CONSTRAINT notification_deliveries_sent_check CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX notification_deliveries_alert_idx ON notification_deliveries (tenant_id, alert_id);
CREATE INDEX notification_deliveries_channel_idx ON notification_deliveries (tenant_id, channel_id, created_at DESC);
CREATE INDEX notification_deliveries_rule_idx ON notification_deliveries (tenant_id, rule_id);
-- Dispatcher queue: due rows across all tenants, oldest first.
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at)
    WHERE status IN ('queued', 'failed_temporary');

-- Retention for finished deliveries; returns rows deleted.
CREATE FUNCTION vesana_purge_notification_deliveries_before(cutoff timestamptz) RETURNS bigint
    LANGUAGE sql AS $$
    WITH gone AS (
        DELETE FROM notification_deliveries
         WHERE created_at < cutoff AND status IN ('sent', 'failed_permanent')
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
