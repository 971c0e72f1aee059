import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { scanForSecrets } from './secret-scan.ts';

// Built at run time so this file itself holds nothing a scan of the repository would flag.
const testKey = ['sk', 'test', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');
const liveKey = ['rk', 'live', '51HxYzAbCdEfGhIjKlMnOp'].join('_');
const envKey = 'whsec-not-shaped-like-a-key-0123456789';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'secret-scan-'));
  await mkdir(join(root, '_astro'), { recursive: true });
  await mkdir(join(root, 'pagefind', 'fragment'), { recursive: true });
  await writeFile(
    join(root, 'index.html'),
    '<p>Use a key like sk_test_… or sk_test_short; pk_test_51HxYzAbCdEfGhIjKlMnOp is public.</p>\n',
  );
  await writeFile(join(root, '_astro', 'demo.js'), `const a = 1;\nconst key = "${testKey}";\n`);
  await writeFile(
    join(root, 'pagefind', 'fragment', 'en_1.pf_fragment'),
    gzipSync(`{"content":"restricted: ${liveKey}"}`),
  );
  await writeFile(join(root, 'config.json'), `{\n\n"secret": "${envKey}"\n}`);
});
after(() => rm(root, { recursive: true, force: true }));

describe('scanForSecrets', () => {
  it('finds secret and restricted keys, in compressed files too, and names file and line without the key', async () => {
    const findings = await scanForSecrets(root);
    assert.deepEqual(findings, [
      { file: '_astro/demo.js', line: 2, what: 'sk_test_…p7dc' },
      { file: 'pagefind/fragment/en_1.pf_fragment', line: 1, what: 'rk_live_…MnOp' },
    ]);
    assert.ok(!JSON.stringify(findings).includes('4eC39HqLyj'));
  });

  it('finds an exact secret given, such as STRIPE_SECRET_KEY, whatever its shape', async () => {
    const findings = await scanForSecrets(root, { secrets: [{ value: envKey, name: 'STRIPE_SECRET_KEY' }] });
    assert.deepEqual(
      findings.filter((finding) => finding.file === 'config.json'),
      [{ file: 'config.json', line: 3, what: 'the value of STRIPE_SECRET_KEY' }],
    );
  });

  it('passes a folder with no key material, ignoring publishable keys and placeholders', async () => {
    const clean = await mkdtemp(join(tmpdir(), 'secret-scan-clean-'));
    try {
      await writeFile(
        join(clean, 'index.html'),
        '<p>sk_test_… sk_live_XXXX pk_live_51HxYzAbCdEfGhIjKlMnOp rk_test_short</p>',
      );
      assert.deepEqual(await scanForSecrets(clean, { secrets: [{ value: '', name: 'EMPTY' }] }), []);
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  });

  it('scripts/check-secrets.ts exits 1 naming the files, and 0 for a clean folder', async () => {
    const script = fileURLToPath(new URL('../../scripts/check-secrets.ts', import.meta.url));
    const dirty = spawnSync(process.execPath, [script, root], {
      encoding: 'utf8',
      env: { ...process.env, STRIPE_SECRET_KEY: envKey },
    });
    assert.equal(dirty.status, 1, dirty.stderr);
    assert.match(dirty.stderr, /_astro\/demo\.js:2: sk_test_…p7dc/);
    assert.match(dirty.stderr, /config\.json:3: the value of STRIPE_SECRET_KEY/);
    assert.ok(!dirty.stderr.includes(testKey) && !dirty.stderr.includes(envKey), 'the output never repeats a key');
    const clean = await mkdtemp(join(tmpdir(), 'secret-scan-clean-'));
    try {
      const passed = spawnSync(process.execPath, [script, clean], {
        encoding: 'utf8',
        env: { ...process.env, STRIPE_SECRET_KEY: '' },
      });
      assert.equal(passed.status, 0, passed.stderr);
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  });
});
