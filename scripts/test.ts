/**
 * `npm test`: everything a change must pass, in the order that fails fastest. Each step is a separate process
 * with its own output; the first failure stops the run with its exit code.
 */
import { spawnSync } from 'node:child_process';

const steps: [label: string, command: string, args: string[]][] = [
  ['type-check', 'npx', ['astro', 'check']],
  ['unit tests', 'node', ['--test', 'src/**/*.test.ts']],
  ['every code sample in the content runs', 'node', ['scripts/examples.ts']],
  ['content faults fail the build', 'node', ['--test', '--test-concurrency=1', 'tests/build/*.test.ts']],
  ['production build', 'npx', ['astro', 'build']],
  ['no key material in the built site', 'node', ['scripts/check-secrets.ts']],
  ['checks of the built site', 'node', ['--test', 'tests/site/*.test.ts']],
  ['size budgets', 'node', ['scripts/budgets.ts']],
  ['browser tests', 'node', ['--test', '--test-concurrency=1', 'tests/browser/*.test.ts']],
];

for (const [label, command, args] of steps) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status, signal } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`✖ ${label} failed (${signal ?? `exit ${status}`})`);
    process.exit(status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
