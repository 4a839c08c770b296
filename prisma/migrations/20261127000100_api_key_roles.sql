-- migrate:up
-- An API key acts for its tenant with a role, like a member. Keys made before roles existed acted for the
-- whole tenant; admin is the closest (owners alone may do what cannot be undone).
ALTER TABLE api_keys ADD COLUMN role user_role NOT NULL DEFAULT 'admin';

-- migrate:down
ALTER TABLE api_keys DROP COLUMN role;
