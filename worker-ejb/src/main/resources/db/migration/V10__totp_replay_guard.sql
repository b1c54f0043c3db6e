-- The TOTP time step a user last logged in with. A code stays valid for up to 90 seconds (one step
-- either side for clock drift); refusing codes of this step or earlier stops an observed code from
-- being used a second time. Written with a compare-and-set (only ever increases).
ALTER TABLE users ADD COLUMN totp_last_step bigint;
