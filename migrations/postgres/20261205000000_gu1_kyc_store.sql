-- gu1-kyc's shared store on PostgreSQL: the webhook inbox (one row per event: validation and
-- status) and the function that decides, in one statement, what to do with a delivery.
-- Idempotent: `PostgresStore::migrate` runs it on every start; sqlx's migrator can run it too.

CREATE TABLE IF NOT EXISTS gu1_kyc_inbox (
    validation_id text        NOT NULL,
    status        text        NOT NULL,
    terminal      boolean     NOT NULL,
    state         text        NOT NULL CHECK (state IN ('leased', 'done')),
    lease_token   text,
    lease_until   timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (validation_id, status)
);

-- Completed events older than a retention time can be deleted by `updated_at`.
CREATE INDEX IF NOT EXISTS gu1_kyc_inbox_updated_at ON gu1_kyc_inbox (updated_at);

-- What to do with a delivery of (validation, status): 'duplicate', 'in_flight', 'superseded',
-- or 'process' (the row is then leased to p_token for p_lease). The events of one validation are
-- decided one at a time (a transaction-scoped advisory lock), so a terminal status and a late
-- non-terminal one never both win; inside a caller's transaction the lock is held until it ends.
CREATE OR REPLACE FUNCTION gu1_kyc_inbox_begin(
    p_validation text,
    p_status     text,
    p_terminal   boolean,
    p_token      text,
    p_lease      interval
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    current_state text;
    current_until timestamptz;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('gu1_kyc_inbox:' || p_validation, 0));
    SELECT state, lease_until INTO current_state, current_until
      FROM gu1_kyc_inbox
     WHERE validation_id = p_validation AND status = p_status;
    IF current_state = 'done' THEN
        RETURN 'duplicate';
    END IF;
    IF current_state = 'leased' AND current_until > clock_timestamp() THEN
        RETURN 'in_flight';
    END IF;
    IF NOT p_terminal AND EXISTS (
        SELECT 1 FROM gu1_kyc_inbox WHERE validation_id = p_validation AND terminal
    ) THEN
        -- A lease that expired on this event is over: nothing is left in flight.
        DELETE FROM gu1_kyc_inbox
         WHERE validation_id = p_validation AND status = p_status AND state = 'leased';
        RETURN 'superseded';
    END IF;
    INSERT INTO gu1_kyc_inbox AS i (validation_id, status, terminal, state, lease_token, lease_until)
    VALUES (p_validation, p_status, p_terminal, 'leased', p_token, clock_timestamp() + p_lease)
    ON CONFLICT (validation_id, status) DO UPDATE
       SET state = 'leased',
           lease_token = EXCLUDED.lease_token,
           lease_until = EXCLUDED.lease_until,
           updated_at = now();
    RETURN 'process';
END
$$;

-- Each validation's last known status (written when an event completes, and when the SDK creates
-- or sees a validation). A terminal status is final. The open ones are the outcomes still
-- awaited, which the reconciler checks with gu1.
CREATE TABLE IF NOT EXISTS gu1_kyc_validations (
    validation_id text        PRIMARY KEY,
    status        text        NOT NULL,
    terminal      boolean     NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS gu1_kyc_validations_open ON gu1_kyc_validations (validation_id)
    WHERE NOT terminal;
