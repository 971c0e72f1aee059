import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { migrationsDir, readMigrations } from './migrations.ts';
import { tempDirs } from './test-support.ts';

const tempDir = tempDirs('feedback-migrations-');

function folder(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe('readMigrations', () => {
  it('reads NNNN_name.sql files in order of their number, other files ignored', () => {
    const dir = folder({ '0002_b.sql': 'B', '0001_a.sql': 'A', '0010_c.sql': 'C', 'README.md': 'not SQL' });
    assert.deepEqual(readMigrations(dir), [
      { name: '0001_a', sql: 'A' },
      { name: '0002_b', sql: 'B' },
      { name: '0010_c', sql: 'C' },
    ]);
  });

  it('refuses a misnamed file and a number used twice, naming the file', () => {
    assert.throws(() => readMigrations(folder({ '1_a.sql': '' })), /1_a\.sql: name migrations NNNN_name\.sql/);
    assert.throws(() => readMigrations(folder({ '0001_Add.sql': '' })), /0001_Add\.sql/);
    assert.throws(
      () => readMigrations(folder({ '0001_a.sql': '', '0001_b.sql': '' })),
      /0001_b\.sql: another migration already has number 0001/,
    );
  });

  it('finds the project folder of each engine, and says where it looked when there is none', () => {
    assert.ok(readMigrations(migrationsDir('sqlite')).length >= 2);
    assert.ok(readMigrations(migrationsDir('postgres')).length >= 3);
    const nowhere = join(tempDir(), 'deep');
    mkdirSync(nowhere);
    assert.throws(() => migrationsDir('postgres', nowhere), /No migrations\/postgres folder above .*deep/);
  });

  it('the engines keep the same tables, migration for migration', () => {
    const tables = (engine: 'sqlite' | 'postgres') =>
      readMigrations(migrationsDir(engine)).flatMap(({ sql }) =>
        [...sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g)].map((match) => match[1]),
      );
    // Postgres also holds the shared rate limits, which a node server keeps in its memory.
    assert.deepEqual(tables('postgres'), [...tables('sqlite'), 'rate_limits']);
  });
});
