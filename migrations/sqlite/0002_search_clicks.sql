-- Which result readers opened for a search: the normalised query, the page and a count per day, nothing more.
CREATE TABLE search_clicks (
  query TEXT NOT NULL,
  page TEXT NOT NULL,
  day TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (query, page, day)
) WITHOUT ROWID;
CREATE INDEX search_clicks_by_day ON search_clicks (day);
