-- Until when the replica that took a run up is making its call: a request handled meanwhile by another replica (a
-- partition handed over mid-work) leaves it alone, instead of calling the user's API a second time. Past it, the
-- replica is presumed gone and a redelivered request takes the run up again.
ALTER TABLE automation_runs ADD COLUMN claimed_until TIMESTAMPTZ;
