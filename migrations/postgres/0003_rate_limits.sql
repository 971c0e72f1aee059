-- The rate limiters' sliding windows, shared by every function instance: per limiter and client, the times (ms
-- since the epoch) of the hits still in the window. The client's key (its address) is kept only as a SHA-256
-- digest, and a row is deleted once its window has passed (expires_at).
CREATE TABLE rate_limits (
  name text NOT NULL,
  key bytea NOT NULL,
  hits bigint[] NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (name, key)
);
CREATE INDEX rate_limits_by_expiry ON rate_limits (expires_at);
