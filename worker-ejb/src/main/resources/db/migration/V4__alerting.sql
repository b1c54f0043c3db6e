-- Vesana schema, part 4: alerts, their event history, acknowledgements and downtimes.
-- Host-level objects have service_id NULL; service-level ones name both host and service, and
-- the composite foreign key (tenant_id, host_id, service_id) guarantees the service is on that host.

CREATE TABLE alerts (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id         bigint NOT NULL REFERENCES tenants (id),
    host_id           bigint NOT NULL,
    service_id        bigint,
    severity          text NOT NULL,
    -- Monitored state that opened (or last escalated) the alert, see part 3 for the codes.
    state             smallint NOT NULL,
    summary           text,
    opened_at         timestamptz NOT NULL DEFAULT now(),
    resolved_at       timestamptz,
    acknowledged      boolean NOT NULL DEFAULT false,
    escalation_level  integer NOT NULL DEFAULT 0,
    last_notified_at  timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           bigint NOT NULL DEFAULT 0,
    CONSTRAINT alerts_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT alerts_host_fk FOREIGN KEY (tenant_id, host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT alerts_service_fk FOREIGN KEY (tenant_id, host_id, service_id)
        REFERENCES host_services (tenant_id, host_id, id) ON DELETE CASCADE,
    CONSTRAINT alerts_severity_check
        CHECK (severity IN ('warning', 'critical', 'unknown', 'down', 'unreachable')),
    CONSTRAINT alerts_state_check CHECK (state BETWEEN 0 AND 3),
    CONSTRAINT alerts_resolved_after_open CHECK (resolved_at IS NULL OR resolved_at >= opened_at),
    CONSTRAINT alerts_escalation_level_check CHECK (escalation_level >= 0)
);
-- At most one open alert per host or service: concurrent workers race on this, not on the app.
CREATE UNIQUE INDEX alerts_one_open_key ON alerts (tenant_id, host_id, coalesce(service_id, 0))
    WHERE resolved_at IS NULL;
CREATE INDEX alerts_tenant_opened_idx ON alerts (tenant_id, opened_at DESC);
CREATE INDEX alerts_service_idx ON alerts (tenant_id, host_id, service_id, opened_at DESC);

CREATE TABLE alert_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL REFERENCES tenants (id),
    alert_id       bigint NOT NULL,
    kind           text NOT NULL,
    -- A user, or NULL with actor naming the system component ("worker", "escalation").
    actor_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    actor          text NOT NULL,
    body           text,
    details        jsonb,
    at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alert_events_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT alert_events_alert_fk FOREIGN KEY (tenant_id, alert_id)
        REFERENCES alerts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT alert_events_kind_check CHECK (kind IN (
        'opened', 'state_changed', 'escalated', 'acknowledged', 'unacknowledged', 'commented',
        'notified', 'downtime_started', 'downtime_ended', 'flapping_started', 'flapping_stopped',
        'resolved'))
);
CREATE INDEX alert_events_alert_idx ON alert_events (tenant_id, alert_id, at);

CREATE TABLE acknowledgements (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id           bigint NOT NULL REFERENCES tenants (id),
    host_id             bigint NOT NULL,
    service_id          bigint,
    alert_id            bigint,
    author_user_id      bigint REFERENCES users (id) ON DELETE SET NULL,
    comment             text NOT NULL,
    -- Sticky: stays until the object is OK again, not only until the next state change.
    sticky              boolean NOT NULL DEFAULT false,
    notify              boolean NOT NULL DEFAULT true,
    expires_at          timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    removed_at          timestamptz,
    removed_by_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT acknowledgements_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT acknowledgements_host_fk FOREIGN KEY (tenant_id, host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT acknowledgements_service_fk FOREIGN KEY (tenant_id, host_id, service_id)
        REFERENCES host_services (tenant_id, host_id, id) ON DELETE CASCADE,
    CONSTRAINT acknowledgements_alert_fk FOREIGN KEY (tenant_id, alert_id)
        REFERENCES alerts (tenant_id, id) ON DELETE SET NULL (alert_id),
    CONSTRAINT acknowledgements_comment_not_blank CHECK (btrim(comment) <> ''),
    CONSTRAINT acknowledgements_expiry_check CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE UNIQUE INDEX acknowledgements_one_active_key
    ON acknowledgements (tenant_id, host_id, coalesce(service_id, 0)) WHERE removed_at IS NULL;
CREATE INDEX acknowledgements_object_idx ON acknowledgements (tenant_id, host_id, service_id);
CREATE INDEX acknowledgements_alert_idx ON acknowledgements (tenant_id, alert_id);
-- The expiry watcher looks across tenants.
CREATE INDEX acknowledgements_expiry_idx ON acknowledgements (expires_at)
    WHERE removed_at IS NULL AND expires_at IS NOT NULL;

-- One-off: starts_at..ends_at. Recurring: rrule (RFC 5545, e.g. 'FREQ=WEEKLY;BYDAY=SU') evaluated
-- in time_zone from starts_at (DTSTART), each occurrence lasting duration, until ends_at if set.
CREATE TABLE downtimes (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id             bigint NOT NULL REFERENCES tenants (id),
    scope                 text NOT NULL,
    host_id               bigint,
    service_id            bigint,
    host_group_id         bigint,
    -- host scope: also its services; host_group scope: also nested groups.
    include_children      boolean NOT NULL DEFAULT true,
    starts_at             timestamptz NOT NULL,
    ends_at               timestamptz,
    rrule                 text,
    duration              interval,
    time_zone             text,
    author_user_id        bigint REFERENCES users (id) ON DELETE SET NULL,
    comment               text NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    cancelled_at          timestamptz,
    cancelled_by_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    version               bigint NOT NULL DEFAULT 0,
    CONSTRAINT downtimes_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT downtimes_host_fk FOREIGN KEY (tenant_id, host_id)
        REFERENCES hosts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT downtimes_service_fk FOREIGN KEY (tenant_id, host_id, service_id)
        REFERENCES host_services (tenant_id, host_id, id) ON DELETE CASCADE,
    CONSTRAINT downtimes_host_group_fk FOREIGN KEY (tenant_id, host_group_id)
        REFERENCES host_groups (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT downtimes_scope_check CHECK (
        (scope = 'host' AND host_id IS NOT NULL AND service_id IS NULL AND host_group_id IS NULL)
        OR (scope = 'service' AND host_id IS NOT NULL AND service_id IS NOT NULL AND host_group_id IS NULL)
        OR (scope = 'host_group' AND host_id IS NULL AND service_id IS NULL AND host_group_id IS NOT NULL)),
    CONSTRAINT downtimes_schedule_check CHECK (
        (rrule IS NULL AND duration IS NULL AND ends_at IS NOT NULL AND ends_at > starts_at)
        OR (rrule IS NOT NULL AND duration > interval '0' AND time_zone IS NOT NULL
            AND (ends_at IS NULL OR ends_at > starts_at))),
    CONSTRAINT downtimes_rrule_format CHECK (rrule ~ '^FREQ=(MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[^;]+)*$'),
    CONSTRAINT downtimes_comment_not_blank CHECK (btrim(comment) <> '')
);
CREATE INDEX downtimes_host_idx ON downtimes (tenant_id, host_id, service_id);
CREATE INDEX downtimes_host_group_idx ON downtimes (tenant_id, host_group_id);
-- The downtime watcher: active or upcoming downtimes across tenants.
CREATE INDEX downtimes_active_idx ON downtimes (starts_at, ends_at) WHERE cancelled_at IS NULL;
