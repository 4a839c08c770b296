-- migrate:up
-- The send ledger fences provider calls: an attempt may call the provider only while it still owns the
-- entry (no later attempt has opened it since). last_called_at records when the owner last called out.
ALTER TABLE send_ledger ADD COLUMN last_called_at timestamptz(3);

-- migrate:down
ALTER TABLE send_ledger DROP COLUMN IF EXISTS last_called_at;
