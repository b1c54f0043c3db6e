-- Vesana schema, part 14: the downtime expiry watcher records when a one-off downtime ended (its
-- end passed, or it was cancelled while running), so that it ends it exactly once: the in_downtime
-- flags are cleared, open alerts get a 'downtime_ended' event and the audit trail a record.
ALTER TABLE downtimes ADD COLUMN ended_at timestamptz;
-- The watcher's question: which one-offs are over but not yet ended.
CREATE INDEX downtimes_to_end_idx ON downtimes (ends_at)
    WHERE ended_at IS NULL AND rrule IS NULL;
