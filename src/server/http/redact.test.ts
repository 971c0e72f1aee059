import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactKeys } from './redact.ts';

describe('redactKeys', () => {
  it('hides Stripe keys, webhook secrets and the password of a connection string', () => {
    // Built at run time, so nothing in the repository looks like a live key.
    const liveKey = ['sk', 'live', '51abcDEF'].join('_');
    assert.equal(
      redactKeys(`key ${liveKey} and whsec_abc123 failed`),
      'key sk_live_[redacted] and whsec_[redacted] failed',
    );
    assert.equal(
      redactKeys('connect ECONNREFUSED postgresql://kb:s3cret@db.example.com:5432/kb?sslmode=require'),
      'connect ECONNREFUSED postgresql://kb:[redacted]@db.example.com:5432/kb?sslmode=require',
    );
    assert.equal(
      redactKeys('postgres://db.example.com/kb has no password'),
      'postgres://db.example.com/kb has no password',
    );
  });
});
