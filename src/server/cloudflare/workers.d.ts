/** The one export of the Workers runtime module this project uses (src/server/cloudflare/bindings.ts). */
declare module 'cloudflare:workers' {
  /** The Worker's bindings and variables. */
  export const env: Readonly<Record<string, unknown>>;
}
