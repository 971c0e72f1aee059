import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ApiError } from './errors.ts';
import { parseForm, type FormValue } from './form.ts';

/** The encoding stripe-node and qs produce: brackets for hashes, indexes for arrays, percent-encoded values. */
function encode(value: FormValue, prefix: string, pairs: string[] = []): string[] {
  if (typeof value === 'string') pairs.push(`${prefix}=${encodeURIComponent(value)}`);
  else if (Array.isArray(value)) value.forEach((item, index) => encode(item, `${prefix}[${index}]`, pairs));
  else for (const [key, item] of Object.entries(value)) encode(item, `${prefix}[${encodeURIComponent(key)}]`, pairs);
  return pairs;
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('parseForm', () => {
  it('reads flat, nested and array parameters', () => {
    const form = parseForm(
      'amount=2000&metadata[order]=42&metadata[note]=a+b%26c&expand[0]=x&expand[1]=y&tags[]=p&tags[]=q',
    );
    assert.deepEqual(plain(form), {
      amount: '2000',
      metadata: { order: '42', note: 'a b&c' },
      expand: ['x', 'y'],
      tags: ['p', 'q'],
    });
  });

  it('keeps array order by index, not by position in the body', () => {
    assert.deepEqual(plain(parseForm('expand[1]=second&expand[0]=first')), { expand: ['first', 'second'] });
  });

  it('treats __proto__ as an ordinary key', () => {
    const form = parseForm('metadata[__proto__]=x&metadata[constructor]=y');
    assert.equal(({} as Record<string, unknown>).x, undefined);
    assert.deepEqual(Object.keys(form.metadata as object), ['__proto__', 'constructor']);
  });

  it('refuses a parameter given twice, or as both a value and a hash', () => {
    for (const body of ['amount=1&amount=2', 'metadata=x&metadata[a]=y', 'a]b=1']) {
      assert.throws(
        () => parseForm(body),
        (error: unknown) => error instanceof ApiError && error.status === 400,
        body,
      );
    }
  });

  it('reads back whatever nested parameters a client encodes', () => {
    const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !/[[\]]/.test(k) && !/^\d+$/.test(k));
    const leaf = fc.string({ maxLength: 12 });
    const value = fc.letrec<{ node: FormValue }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
        fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), (params) => {
        const body = Object.entries(params)
          .flatMap(([name, item]) => encode(item, encodeURIComponent(name)))
          .join('&');
        assert.deepEqual(plain(parseForm(body)), plain(params));
      }),
    );
  });
});
