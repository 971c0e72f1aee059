/**
 * `npm test`: everything a change must pass, in the order that fails fastest. Each step is a separate process
 * with its own output; the first failure stops the run with its exit code.
 */
import { spawnSync } from 'node:child_process';

/**
 * The steps find `node` and `npx` on PATH, where npm puts the project's pinned Node (the `node` dependency in
 * node_modules/.bin) first; the first step shows which Node that is and stops on one older than engines.node.
 */
const NODE_CHECK = `
  const [major, minor] = process.versions.node.split('.').map(Number);
  console.log('Node ' + process.version + ' (' + process.execPath + ')');
  if (major < 22 || (major === 22 && minor < 18)) {
    console.error('Node 22.18 or newer is needed: run the tests with npm test, which uses the Node in node_modules/.bin.');
    process.exit(1);
  }
`;

const steps: [label: string, command: string, args: string[]][] = [
  ['Node version', 'node', ['-e', NODE_CHECK]],
  ['lint (prettier --check, eslint)', 'npm', ['run', '--silent', 'lint']],
  ['type-check', 'npx', ['astro', 'check']],
  ['unit tests', 'node', ['--test', 'src/**/*.test.ts']],
  ['every code sample in the content runs', 'node', ['scripts/examples.ts']],
  ['content faults fail the build', 'node', ['--test', '--test-concurrency=1', 'tests/build/*.test.ts']],
  ['production build', 'npm', ['run', '--silent', 'build']],
  ['no key material in the built site', 'node', ['scripts/check-secrets.ts']],
  ['checks of the built site', 'node', ['--test', 'tests/site/*.test.ts']],
  ['size budgets', 'node', ['scripts/budgets.ts']],
  ['browser tests', 'node', ['--test', '--test-concurrency=1', 'tests/browser/*.test.ts']],
];

for (const [label, command, args] of steps) {
  // An inline script is named, not printed.
  console.log(`\n▶ ${label}: ${command} ${args.map((arg) => (arg.includes('\n') ? '<script>' : arg)).join(' ')}`);
  const started = Date.now();
  const { status, signal } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`✖ ${label} failed (${signal ?? `exit ${status}`})`);
    process.exit(status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
