import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runMigrate } from './migrate-command.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { tempDirs } from './test-support.ts';

const tempDir = tempDirs('feedback-migrate-');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) } };
}

describe('npm run migrate on SQLite (no DATABASE_URL)', () => {
  it('makes the file with every migration, then has nothing left to apply', async () => {
    const dataDir = tempDir();
    const first = io();
    assert.equal(await runMigrate({ KB_DATA_DIR: dataDir }, first.io), 0);
    assert.match(
      first.out.join('\n'),
      /feedback\.sqlite: applied 2 migrations:\n {2}0001_feedback_and_misses\n {2}0002_search_clicks$/,
    );
    const again = io();
    assert.equal(await runMigrate({ KB_DATA_DIR: dataDir }, again.io), 0);
    assert.match(again.out.join('\n'), /up to date, nothing to apply/);
    const reader = createSqliteStore({ dataDir, readOnly: true });
    assert.deepEqual(reader.report().clicks, [], 'a reader opens the migrated file');
    reader.close();
  });

  it('refuses a malformed DATABASE_URL without quoting its password', async () => {
    const result = io();
    assert.equal(await runMigrate({ DATABASE_URL: 'mysql://kb:s3cret@db.example.com/kb' }, result.io), 1);
    assert.match(result.err.join('\n'), /DATABASE_URL: use a Postgres connection string/);
    assert.ok(!result.err.join('\n').includes('s3cret'));
  });
});
