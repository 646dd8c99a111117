import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HTML_TYPE, JSON_TYPE, send } from './respond.js';
import type { Fault } from './steering.js';

/** What `--fault-rate` may draw: the per-request faults that end, plus a 500 error envelope. */
export const RUN_FAULTS = ['reset', 'html-500', 'malformed-json', 'error-500'] as const;
export type RunFault = (typeof RUN_FAULTS)[number];

/** The HTTP status each fault sends; null when it sends none (the connection is dropped or held). */
export const FAULT_STATUS: Readonly<Record<Fault, number | null>> = {
  reset: null,
  stall: null,
  'html-500': 500,
  'malformed-json': 200,
};

const HTML_500 =
  '<!doctype html><html lang="en"><head><title>HTTP Status 500 - Internal Server Error</title></head>' +
  '<body><h1>HTTP Status 500 - Internal Server Error</h1><hr><p><b>Type</b> Exception Report</p></body></html>';
// JSON cut off halfway, as a proxy that drops a connection mid-body leaves it
const MALFORMED_JSON = '{"result":[{"generation":4,"created":"Apr 21, 2021, 10:42:17 PM","active":tr';

/**
 * Misbehaves as asked: `reset` drops the connection, `stall` never answers (the socket is kept in
 * `stalled` so that closing the server can end it), `html-500` answers a servlet container's error
 * page, `malformed-json` answers truncated JSON with HTTP 200.
 */
export function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, stalled: Set<Socket>): void {
  switch (fault) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'stall': {
      const socket = req.socket;
      stalled.add(socket);
      socket.once('close', () => stalled.delete(socket));
      return;
    }
    case 'html-500':
      send(res, 500, HTML_TYPE, HTML_500);
      return;
    case 'malformed-json':
      send(res, 200, JSON_TYPE, MALFORMED_JSON);
      return;
  }
}
