/**
 * Where pages find the lazily loaded client code. In `astro dev`, Vite serves the TypeScript source itself; in a
 * build, the client-bundle integration writes each entry to `/_help/<name>.js`.
 */
export const CLIENT_ENTRIES = [
  { name: 'search', source: 'src/client/search/index.ts' },
  { name: 'actions', source: 'src/client/actions/index.ts' },
] as const;

export type ClientEntry = (typeof CLIENT_ENTRIES)[number]['name'];

export function clientModuleUrl(name: ClientEntry, dev: boolean): string {
  const entry = CLIENT_ENTRIES.find((e) => e.name === name)!;
  return dev ? `/${entry.source}` : `/_help/${entry.name}.js`;
}
