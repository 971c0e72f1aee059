import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFences } from './extract.ts';
import { parseMarker } from './marker.ts';
import { planFile } from './plan.ts';

const fence = (info: string, body: string) => `\`\`\`${info}\n${body}\n\`\`\``;

describe('extractFences', () => {
  it('numbers fences, reads the language and the example marker, keeps the code as written', () => {
    const text = [
      '# T',
      '',
      fence('bash example="skip: needs a webhook endpoint"', 'curl x \\\n  -d a=1'),
      'prose `inline`',
      fence('json', '{}'),
    ].join('\n');
    const fences = extractFences('a.mdx', text);
    assert.deepEqual(
      fences.map((f) => [f.index, f.line, f.lang, f.marker, f.code]),
      [
        [1, 3, 'bash', 'skip: needs a webhook endpoint', 'curl x \\\n  -d a=1'],
        [2, 8, 'json', undefined, '{}'],
      ],
    );
  });
});

describe('parseMarker', () => {
  it('reads skip reasons, fixtures, given and expect clauses', () => {
    assert.equal(parseMarker('skip: needs the Dashboard').skip, 'needs the Dashboard');
    assert.deepEqual(parseMarker('pi_123=disputed; given=full-refund; expect=error'), {
      fixtures: { pi_123: 'disputed' },
      given: ['full-refund'],
      expectError: true,
    });
  });

  it('refuses a clause it does not understand, saying what it expected', () => {
    assert.throws(() => parseMarker('pi_123'), /key=value/);
    assert.throws(() => parseMarker('colour=red'), /unknown key "colour"/);
    assert.throws(() => parseMarker('expect=success'), /expect can only be "error"/);
  });
});

describe('planFile', () => {
  const plan = (...blocks: string[]) => planFile(extractFences('a.mdx', blocks.join('\n\n')));

  it('pairs an excerpt with the sample right before it, and an excerpt shown first with the samples after it', () => {
    const result = plan(
      fence('json', '{"error":{}}'),
      fence('bash', 'curl a'),
      fence('js', 'x'),
      fence('json', '{"id":"re_1"}'),
      fence('bash', 'curl b'),
    );
    assert.deepEqual(
      result.samples.map((s) => [s.fence.index, s.runner, s.excerpt?.fence.index]),
      [
        [2, 'curl', 1],
        [3, 'node', 1],
        [5, 'curl', undefined],
      ],
    );
  });

  it('lists marked blocks as skipped and flags what it cannot run', () => {
    const result = plan(
      fence('text example="skip: output only"', 'x'),
      fence('bash', 'npm install stripe'),
      fence('http', 'GET /'),
      fence('json', '{'),
    );
    assert.deepEqual(
      result.skipped.map((s) => s.reason),
      ['output only'],
    );
    assert.equal(result.problems.length, 3);
    assert.match(result.problems[0]?.problem ?? '', /shell block without curl/);
    assert.match(result.problems[1]?.problem ?? '', /a http block can't be run/);
    assert.match(result.problems[2]?.problem ?? '', /doesn't parse/);
  });
});
