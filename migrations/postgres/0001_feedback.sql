-- Feedback and the searches that found nothing: the page, the answer, the reason, a scrubbed comment and the
-- day; the normalised query and a count per day. Never who sent it, nor a time finer than the day.
CREATE TABLE feedback (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day date NOT NULL,
  page text NOT NULL,
  helpful boolean NOT NULL,
  reason text CHECK (reason IN ('missing_information', 'wrong', 'hard_to_follow', 'did_not_solve')),
  comment text
);
CREATE INDEX feedback_by_day ON feedback (day);

CREATE TABLE search_misses (
  query text NOT NULL,
  day date NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (query, day)
);
CREATE INDEX search_misses_by_day ON search_misses (day);
