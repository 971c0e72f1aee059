/**
 * `npm run migrate` and `npm run report` on the Cloudflare target's local D1 database (KB_D1_STATE): migrated by
 * wrangler, read through Cloudflare's local engine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openLocalBindings } from '../cloudflare/local.ts';
import { createD1Store } from './d1-store.ts';
import { runMigrate } from './migrate-command.ts';
import { runReport } from './report.ts';
import { tempDirs } from './test-support.ts';

const tempDir = tempDirs('d1-commands-');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) } };
}

describe('npm run migrate and npm run report with KB_D1_STATE', () => {
  it('say there is nothing yet, migrate once, then read what a Worker wrote', async () => {
    const env = { KB_D1_STATE: tempDir() };
    const empty = io();
    assert.equal(await runReport([], env, empty.io), 0);
    assert.match(empty.out.join('\n'), /^No local D1 database in .+ yet: run `KB_D1_STATE=.+ npm run migrate`/);

    const first = io();
    assert.equal(await runMigrate(env, first.io), 0, first.err.join('\n'));
    assert.match(
      first.out.join('\n'),
      /D1 database in .+: applied 2 migrations:\n {2}0001_feedback\.sql\n {2}0002_search_clicks\.sql$/,
    );
    const again = io();
    assert.equal(await runMigrate(env, again.io), 0);
    assert.match(again.out.join('\n'), /up to date, nothing to apply/);

    // What the Worker would have written, through the same binding wrangler dev makes over this folder.
    const local = await openLocalBindings({ persistDir: env.KB_D1_STATE });
    await createD1Store({ db: local.db }).addSearchMiss('refund to a closed card');
    await local.dispose();

    const report = io();
    assert.equal(await runReport(['--json'], env, report.io), 0, report.err.join('\n'));
    const json = JSON.parse(report.out.join('\n')) as { database: string; misses: unknown[] };
    assert.match(json.database, /^D1 FEEDBACK_DB in /);
    assert.deepEqual(json.misses, [{ query: 'refund to a closed card', count: 1 }]);
  });
});
