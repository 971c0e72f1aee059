/**
 * The help center's feedback backend: `createFeedbackHandler` answers `POST /api/feedback` ("was this page
 * helpful?"), `POST /api/search-misses` (a search that found nothing) and `POST /api/search-clicks` (a search
 * result opened) as a Web `Request → Response` function.
 * Settings, for `createFeedbackHandlerFromEnv`, `npm run report` and `npm run migrate` (read by src/server/config.ts):
 * DATABASE_URL (Postgres: feedback, search counts and rate limits shared by every instance), KB_DATA_DIR
 * (the folder of feedback.sqlite when there is no DATABASE_URL, `./data` by default), FEEDBACK_RATE_LIMIT (posts per minute per client and
 * endpoint, 10 by default, 0 for none), DEMO_ALLOWED_ORIGINS and TRUST_PROXY (as for the demo).
 */
export {
  createFeedbackHandler,
  createFeedbackHandlerFromEnv,
  lazyStore,
  unavailableStore,
  type FeedbackHandler,
  type FeedbackHandlerOptions,
} from './handler.ts';
export { ConfigError, loadConfig, type Config } from '../config.ts';
export {
  createSqliteStore,
  databaseFileName,
  type SqliteFeedbackStore,
  type SqliteStoreOptions,
} from './sqlite-store.ts';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.ts';
export { createPostgresStore, type PostgresStoreOptions } from './postgres-store.ts';
export {
  feedbackReasons,
  type DayCounts,
  type FeedbackEntry,
  type FeedbackReason,
  type FeedbackReport,
  type FeedbackStore,
  type PageClicks,
  type PageSummary,
  type QueryClicks,
  type ReportComment,
  type ReportOptions,
  type SearchMissCount,
} from './store.ts';
export { scrubPersonalData } from './scrub.ts';
