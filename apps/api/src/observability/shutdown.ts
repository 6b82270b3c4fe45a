import type { Server } from 'node:http';
import { Server as NetServer, Socket } from 'node:net';

/** How often a stopping server looks at its connections. */
const SWEEP_MS = 50;
/** Sweeps in a row with no new connection after which nothing more is on its way to this process. */
const QUIET_SWEEPS = 5;

interface ConnectionState {
  /** requests of this connection not answered yet */
  active: number;
  /** it has had an answer: idle now, it is a kept-alive connection */
  served: boolean;
}

/**
 * Follows `server`'s connections from now on and returns the function that stops it gracefully,
 * `graceMs` at most from the call:
 *
 * 1. Drain: connections still arrive for a moment after the signal (those the load balancer sent
 *    before it saw /health/ready answer 503, those the kernel's backlog or, with API_WORKERS, the
 *    primary's queue holds for a busy process). They are accepted and answered until none has come
 *    for QUIET_SWEEPS sweeps in a row (sweeps, not milliseconds: a busy event loop that did not look
 *    for connections has not seen them), half the grace at most. Closing the listening socket at
 *    once would reset them: requests lost although their connection was accepted.
 * 2. Stop listening, and let the requests in flight finish: their answers say `Connection: close`
 *    (app.setup.ts); a kept-alive connection with no request in progress is ended. A connection that
 *    has not sent its first request yet is left to send it and get its answer: http.Server#close
 *    (and closeIdleConnections) would destroy it as "idle", and on a busy process that is every
 *    connection whose request is still unread in its socket; so the listening socket is closed with
 *    net.Server#close.
 * 3. At `graceMs`, whatever is still open is cut (`onGraceOver` is told how many first).
 */
export function gracefulStopper(
  server: Server,
): (graceMs: number, onGraceOver?: (open: number) => void) => Promise<void> {
  const connections = new Map<Socket, ConnectionState>();
  let stopping = false;
  let arrived = 0;
  const endIfIdle = (socket: Socket, state: ConnectionState) => {
    if (stopping && state.served && state.active === 0) socket.end();
  };
  server.on('connection', (socket: Socket) => {
    arrived++;
    connections.set(socket, { active: 0, served: false });
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    const state = connections.get(socket);
    if (!state) return;
    state.active++;
    res.once('close', () => {
      state.active--;
      state.served = true;
      endIfIdle(socket, state);
    });
  });

  const drain = (maxMs: number) =>
    new Promise<void>((drained) => {
      const until = Date.now() + maxMs;
      let seen = arrived;
      let quiet = 0;
      const sweep = setInterval(() => {
        quiet = arrived === seen ? quiet + 1 : 0;
        seen = arrived;
        for (const [socket, state] of connections) endIfIdle(socket, state);
        if (quiet >= QUIET_SWEEPS || Date.now() >= until) {
          clearInterval(sweep);
          drained();
        }
      }, SWEEP_MS);
    });

  return async (graceMs, onGraceOver = () => undefined) => {
    stopping = true;
    const cut = setTimeout(() => {
      onGraceOver(connections.size);
      for (const socket of connections.keys()) socket.destroy();
    }, graceMs);
    for (const [socket, state] of connections) endIfIdle(socket, state);
    await drain(graceMs / 2);
    await new Promise<void>((closed) => NetServer.prototype.close.call(server, () => closed()));
    clearTimeout(cut);
  };
}
