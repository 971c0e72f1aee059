/**
 * Schema changes as plain SQL files, one folder per engine: `migrations/<engine>/NNNN_name.sql`, applied in order
 * of their number, each once; every database records the ones it has in a `schema_migrations` table. SQLite
 * applies them as the store opens (a node server owns its file); Postgres by `npm run migrate`
 * (scripts/migrate.ts), before a deployment serves the new code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type MigrationEngine = 'sqlite' | 'postgres';

export interface Migration {
  /** The file name without `.sql`, as recorded in `schema_migrations`: `0002_search_clicks`. */
  name: string;
  sql: string;
}

const fileName = /^(\d{4})_[a-z0-9_]+\.sql$/;

/**
 * The project's `migrations/<engine>` folder, found by walking up from this module: from src/ when run as source,
 * and from the node build's dist/server/ (which lives inside the project, beside node_modules) when bundled.
 */
export function migrationsDir(engine: MigrationEngine, from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'migrations', engine);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`No migrations/${engine} folder above ${from}: deploy it beside package.json.`);
  }
}

/** Every migration in `dir`, in order; a file not named `NNNN_name.sql`, or a number used twice, is refused. */
export function readMigrations(dir: string): Migration[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  const numbers = new Set<string>();
  return files.map((file) => {
    const number = fileName.exec(file)?.[1];
    if (number === undefined) throw new Error(`${join(dir, file)}: name migrations NNNN_name.sql (lowercase).`);
    if (numbers.has(number)) throw new Error(`${join(dir, file)}: another migration already has number ${number}.`);
    numbers.add(number);
    return { name: file.slice(0, -'.sql'.length), sql: readFileSync(join(dir, file), 'utf8') };
  });
}
