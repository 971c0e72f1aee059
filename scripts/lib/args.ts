/**
 * Command-line arguments for every script, through `node:util` parseArgs: unknown options and missing values are
 * refused with the script's usage (exit 2), and `--help` prints it (exit 0).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `usage` is the whole help text; its first line names the command. */
export function parseCommandLine<T extends Options>(
  usage: string,
  options: T,
  { positionals = false, args = process.argv.slice(2) }: { positionals?: boolean; args?: string[] } = {},
) {
  try {
    const parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: positionals,
      strict: true,
    });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
}

/** A whole number of at least `min`, or an error that names the option. */
export function wholeNumber(value: string, option: string, min = 1): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    console.error(`${option} wants a whole number of at least ${min} (got "${value}")`);
    process.exit(2);
  }
  return number;
}
