/**
 * `npm run report [-- --days N] [-- --json]`: what readers said about the help center, for the support team:
 * helpfulness per page, the reasons given for "no", the 20 most recent comments and the top searches that found
 * nothing. Reads the Postgres database of DATABASE_URL when it is set, else <KB_DATA_DIR>/feedback.sqlite (./data
 * by default), without changing either; with no database yet it says so and exits 0. The work is done in src/server/feedback/report.ts.
 */
import { runReport } from '../src/server/feedback/report.ts';

process.exitCode = await runReport(process.argv.slice(2), process.env);
