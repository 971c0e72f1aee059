-- Which result readers opened for a search: the normalised query, the page and a count per day, nothing more.
CREATE TABLE search_clicks (
  query text NOT NULL,
  page text NOT NULL,
  day date NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (query, page, day)
);
CREATE INDEX search_clicks_by_day ON search_clicks (day);
