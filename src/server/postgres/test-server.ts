/**
 * A real Postgres for tests and `build:all`, with no server to install: PGlite (Postgres compiled to WebAssembly)
 * served over the Postgres wire protocol by pglite-socket's connection handler on a free port of 127.0.0.1. The
 * code under test reaches it by a DATABASE_URL, through the same driver and code as a deployed function.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { migrationsDir, readMigrations } from '../feedback/migrations.ts';
import { acquirePostgres } from './client.ts';
import { migratePostgres } from './migrate.ts';

export interface TestPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  /** What answers: "PGlite (Postgres 17.5)", or "Postgres 15.18" for a TEST_DATABASE_URL server. */
  engine: string;
  stop(): Promise<void>;
}

/**
 * Starts an empty in-memory database; with `migrate` (the default), `migrations/postgres/` applied as
 * `npm run migrate` does. Any number of connections may be open at once (each pool, each "instance").
 */
export async function startTestPostgres({ migrate = true }: { migrate?: boolean } = {}): Promise<TestPostgres> {
  const server = process.env.TEST_DATABASE_URL;
  const started = server ? await freshDatabase(server) : await startPglite();
  const handle = acquirePostgres(started.url);
  try {
    const [row] = await handle.sql<{ server_version: string }[]>`SHOW server_version`;
    const version = `Postgres ${row?.server_version.split(' ')[0] ?? '?'}`;
    if (migrate) await migratePostgres(handle.sql, readMigrations(migrationsDir('postgres')));
    return { ...started, engine: server ? version : `PGlite (${version})` };
  } catch (error) {
    await started.stop();
    throw error;
  } finally {
    await handle.release();
  }
}

let databases = 0;

/**
 * With TEST_DATABASE_URL (a role allowed to create databases on a real server, say Debian's PostgreSQL), a new
 * database there for each call, dropped by `stop`: the same suites then run on a server with real concurrency.
 */
async function freshDatabase(serverUrl: string): Promise<Omit<TestPostgres, 'engine'>> {
  const name = `kb_test_${process.pid}_${(databases += 1)}`;
  const admin = acquirePostgres(serverUrl);
  await admin.sql.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async stop() {
      await admin.sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.release();
    },
  };
}

async function startPglite(): Promise<Omit<TestPostgres, 'engine'>> {
  const db = await PGlite.create();
  const queue = new SessionQueue(db);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // The handler's queue is typed as pglite-socket's own class, which it does not export.
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
    handler.attach(socket).catch(() => socket.destroy());
  });
  const port = await listen(server);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

const readyForQuery = 0x5a; // 'Z'
const idle = 0x49; // 'I': no transaction open
const terminate = 0x58; // 'X'

/**
 * PGlite has one session, and pglite-socket's own server interleaves its clients message by message, which mixes
 * up two clients' extended-protocol exchanges (Parse, Bind, Execute, Sync: "bind message supplies 11 parameters,
 * but prepared statement requires 0"). This queue gives one connection the session from its first message until
 * PGlite says it is idle again (ReadyForQuery "I"), so every exchange and transaction runs whole, as on a real
 * server, while other connections wait their turn.
 */
class SessionQueue {
  private owner: number | null = null;
  private waiting: (() => void)[] = [];
  private queued = 0;
  /** Connections closed: a message of theirs still waiting is dropped rather than given the session. */
  private readonly gone = new Set<number>();
  private readonly db: PGlite;

  constructor(db: PGlite) {
    this.db = db;
  }

  async enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    // Terminate ends the client's connection, not PGlite's one session, and has no answer to wait for.
    if (message[0] === terminate) return 0;
    this.queued += 1;
    try {
      while (this.owner !== null && this.owner !== handlerId)
        await new Promise<void>((wake) => this.waiting.push(wake));
    } finally {
      this.queued -= 1;
    }
    if (this.gone.has(handlerId)) {
      this.release();
      return 0;
    }
    this.owner = handlerId;
    let bytes = 0;
    let tail: Uint8Array = new Uint8Array(0);
    try {
      await this.db.execProtocolRawStream(message, {
        onRawData: (data) => {
          bytes += data.length;
          tail = lastBytes(tail, data, 6);
          onData(data);
        },
      });
    } catch (error) {
      this.release();
      throw error;
    }
    // A response that ends in ReadyForQuery "I" ends the exchange outside any transaction.
    if (tail.length === 6 && tail[0] === readyForQuery && tail[5] === idle) this.release();
    return bytes;
  }

  getQueueLength(): number {
    return this.queued;
  }

  clearQueueForHandler(handlerId: number): void {
    this.gone.add(handlerId);
  }

  /** A client gone mid-exchange gives the session back, its transaction rolled back. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.release();
  }

  private release(): void {
    this.owner = null;
    for (const wake of this.waiting.splice(0)) wake();
  }
}

function lastBytes(before: Uint8Array, data: Uint8Array, count: number): Uint8Array {
  const joined = new Uint8Array(before.length + data.length);
  joined.set(before);
  joined.set(data, before.length);
  return joined.slice(-count);
}
