/**
 * `npm run migrate`: applies the schema migrations the database lacks: Postgres when DATABASE_URL is set
 * (`DATABASE_URL=postgres://… npm run migrate`, once per deploy that adds one), else the SQLite file in
 * KB_DATA_DIR. The work is done in src/server/feedback/migrate-command.ts.
 */
import { runMigrate } from '../src/server/feedback/migrate-command.ts';

process.exitCode = await runMigrate(process.env);
