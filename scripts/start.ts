/**
 * `npm start`: serves the built site and its on-demand routes with the Node adapter's standalone server.
 * PORT picks the port (default 4321); HOST the interface (default localhost).
 */
process.env.PORT ??= '4321';
process.env.HOST ??= 'localhost';

await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
