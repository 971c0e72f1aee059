-- The schema as it was before migrations, so a database made by that code opens unchanged: every statement
-- is IF NOT EXISTS, and the tables it finds are already this shape.
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  page TEXT NOT NULL,
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  reason TEXT CHECK (reason IN ('missing_information', 'wrong', 'hard_to_follow', 'did_not_solve')),
  comment TEXT
);
CREATE INDEX IF NOT EXISTS feedback_by_day ON feedback (day);
CREATE TABLE IF NOT EXISTS search_misses (
  query TEXT NOT NULL,
  day TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (query, day)
) WITHOUT ROWID;
