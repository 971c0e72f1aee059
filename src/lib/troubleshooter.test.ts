import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { troubleshooterSchema } from '../content/schemas.ts';
import { checkDecisionTable, pathsToCases, resolve, type DecisionTable } from './troubleshooter.ts';

const option = (id: string) => ({ id, label: id });
const table = (cases: DecisionTable['cases']): DecisionTable => ({
  title: 'Where is my refund?',
  intro: 'A few questions.',
  questions: [
    { id: 'status', label: 'Status?', options: [option('succeeded'), option('failed')] },
    { id: 'method', label: 'Method?', options: [option('card'), option('bank')] },
  ],
  cases,
});
const outcome = (id: string, when: Record<string, string[]>) => ({
  id,
  when,
  answer: id,
  next: id,
  article: 'refunds/refund-timing',
});
const sound = table([
  outcome('failed', { status: ['failed'] }),
  outcome('card', { status: ['succeeded'], method: ['card'] }),
  outcome('bank', { status: ['succeeded'], method: ['bank'] }),
]);

test('asks only the questions that can still change the answer, in order', () => {
  assert.deepEqual(resolve(sound, {}), { kind: 'ask', question: sound.questions[0], asked: ['status'] });
  const failed = resolve(sound, { status: 'failed' });
  assert.equal(failed.kind, 'answer');
  assert.deepEqual(failed.asked, ['status'], 'the method is never asked about a failed refund');
  const succeeded = resolve(sound, { status: 'succeeded' });
  assert.equal(succeeded.kind === 'ask' && succeeded.question.id, 'method');
  const card = resolve(sound, { status: 'succeeded', method: 'card' });
  assert.equal(card.kind === 'answer' && card.case.id, 'card');
  assert.deepEqual(card.asked, ['status', 'method']);
});

test('an answer to a question that no longer matters is ignored', () => {
  const step = resolve(sound, { status: 'failed', method: 'bank' });
  assert.equal(step.kind === 'answer' && step.case.id, 'failed');
  assert.deepEqual(step.asked, ['status']);
});

test('finds one way to every case', () => {
  assert.deepEqual(Object.fromEntries(pathsToCases(sound)), {
    failed: [['status', 'failed']],
    card: [
      ['status', 'succeeded'],
      ['method', 'card'],
    ],
    bank: [
      ['status', 'succeeded'],
      ['method', 'bank'],
    ],
  });
});

test('a sound table has no problems', () => {
  assert.deepEqual(checkDecisionTable(sound), []);
});

test('a condition on a question or option that does not exist is named', () => {
  const problems = checkDecisionTable(
    table([outcome('x', { stauts: ['failed'] }), outcome('y', { status: ['lost'] })]),
  );
  assert.deepEqual(
    problems.map((p) => [p.path.join('.'), p.message.split(' (')[0]]),
    [
      ['cases.0.when.stauts', 'no question has the id "stauts"'],
      ['cases.1.when.status', '"lost" is not an option of "status"'],
    ],
  );
});

test('answers that lead nowhere and cases nobody reaches are refused', () => {
  const gap = checkDecisionTable(
    table([outcome('failed', { status: ['failed'] }), outcome('card', { status: ['succeeded'], method: ['card'] })]),
  );
  assert.match(gap[0]!.message, /no case fits the answers status: succeeded, method: bank/);
  const shadowed = checkDecisionTable(table([outcome('any', {}), outcome('failed', { status: ['failed'] })]));
  assert.deepEqual(
    shadowed.map((p) => p.path),
    [['cases', 1]],
  );
  assert.match(shadowed[0]!.message, /no answers lead to case "failed"/);
});

test('duplicate ids are refused', () => {
  const problems = checkDecisionTable(table([outcome('same', { status: ['failed'] }), outcome('same', {})]));
  assert.deepEqual(
    problems.map((p) => p.path.join('.')),
    ['cases.1.id'],
  );
});

test("the help center's own tables are sound and reach every case", () => {
  const file = new URL('../../content/troubleshooters/where-is-my-refund.yaml', import.meta.url);
  const parsed = troubleshooterSchema.safeParse(parse(readFileSync(file, 'utf8')));
  assert.ok(parsed.success, parsed.error?.message);
  const paths = pathsToCases(parsed.data);
  assert.deepEqual([...paths.keys()].sort(), parsed.data.cases.map((c) => c.id).sort());
});
