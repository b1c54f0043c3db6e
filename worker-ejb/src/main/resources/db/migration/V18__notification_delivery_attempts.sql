-- Vesana schema, part 18: notification delivery bookkeeping.
-- A delivery that must not be sent any more (the alert resolved or was acknowledged before an
-- escalation or repeat was due, the channel or rule was disabled) ends 'cancelled', which is
-- neither a success nor a failure. Every send attempt is kept, so an operator can see why a
-- notification arrived late or never: outcome, HTTP status, a short error without secrets.

ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_status_check;
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check
    CHECK (status IN ('queued', 'sent', 'failed_temporary', 'failed_permanent', 'cancelled'));

CREATE TABLE notification_delivery_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES tenants (id),
    delivery_id  bigint NOT NULL,
    attempt      integer NOT NULL,
    outcome      text NOT NULL,
    http_status  integer,
    error        text,
    started_at   timestamptz NOT NULL,
    duration_ms  integer NOT NULL,
    CONSTRAINT notification_delivery_attempts_delivery_fk FOREIGN KEY (tenant_id, delivery_id)
        REFERENCES notification_deliveries (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT notification_delivery_attempts_attempt_key UNIQUE (tenant_id, delivery_id, attempt),
    CONSTRAINT notification_delivery_attempts_outcome_check
        CHECK (outcome IN ('sent', 'failed_temporary', 'failed_permanent')),
    CONSTRAINT notification_delivery_attempts_attempt_check CHECK (attempt >= 1),
    CONSTRAINT notification_delivery_attempts_duration_check CHECK (duration_ms >= 0)
);

-- The purge of finished deliveries (V5) also covers cancelled ones; attempts go by cascade.
CREATE OR REPLACE FUNCTION vesana_purge_notification_deliveries_before(cutoff timestamptz)
    RETURNS bigint
    LANGUAGE sql AS $$
    WITH gone AS (
        DELETE FROM notification_deliveries
         WHERE created_at < cutoff AND status IN ('sent', 'failed_permanent', 'cancelled')
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
