-- Vesana schema, part 14: the downtime expiry watcher records when a one-off downtime ended (its
-- end passed, or it was cancelled while running), so that it ends it exactly once: the in_downtime
-- flags are cleared, open alerts get a 'downtime_ended' event and the audit trail a record.
ALTER TABLE downtimes ADD COLUMN ended_at timestamptz;
-- The watcher's question: which one-offs are over but not yet ended.
CREATE INDEX downtimes_to_end_idx ON downtimes (ends_at)
    WHERE ended_at IS NULL AND rrule IS NULL;

-- The watcher clears in_downtime on rows no active downtime covers any more: these partial
-- indexes hold only the few rows in downtime. The ingest path never writes in_downtime, so its
-- updates of these tables stay HOT.
CREATE INDEX current_status_in_downtime_idx ON current_status (service_id) WHERE in_downtime;
CREATE INDEX host_status_in_downtime_idx ON host_status (host_id) WHERE in_downtime;
