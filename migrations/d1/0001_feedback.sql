-- The feedback store's tables in D1 (src/server/feedback/d1-store.ts), as in the SQLite store on a server:
-- the page, the answer, the reason, a scrubbed comment and the UTC day; for searches that found nothing, the
-- normalised query and a count per day. Nothing about who sent it.
-- Applied by `wrangler d1 migrations apply FEEDBACK_DB --local` (or `--remote`), which records it in d1_migrations.
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  page TEXT NOT NULL,
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  reason TEXT CHECK (reason IN ('missing_information', 'wrong', 'hard_to_follow', 'did_not_solve')),
  comment TEXT
);
CREATE INDEX feedback_by_day ON feedback (day);
CREATE TABLE search_misses (
  query TEXT NOT NULL,
  day TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (query, day)
) WITHOUT ROWID;
