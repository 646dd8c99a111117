import { timingSafeEqual } from 'node:crypto';
import { failure, type MockFailure } from '../failure.js';
import { rawHeader } from '../raw-header.js';
import type { RequestContext } from './context.js';

const CONTROL_TOKEN_HEADER = 'x-mock-control-token';

/** Whether `origin` is the mock's own (the page was served by the mock itself, e.g. its dashboard). */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(header: string | undefined): string | undefined {
  return header !== undefined && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
}

/**
 * Who may drive the control endpoints (`/__mock/*`): the mock's user, not a web page of another
 * origin open in their browser. A request a browser marks as cross-site (`Sec-Fetch-Site`), or
 * whose `Origin` is not the mock's own, is refused with 403; with a control token set (shared hosts),
 * so is any request that does not carry it. Clients without a browser send no Origin and pass.
 */
export function guardControl(ctx: RequestContext, controlToken: string | undefined): MockFailure | undefined {
  const origin = rawHeader(ctx.req, 'origin');
  const site = rawHeader(ctx.req, 'sec-fetch-site');
  if (site === 'cross-site' || (origin !== undefined && !isOwnOrigin(origin, rawHeader(ctx.req, 'host')))) {
    return failure(403, undefined, [
      `The mock's control endpoints answer only their own origin and clients outside a browser, not ${origin ?? 'a cross-site page'}.`,
    ]);
  }
  if (controlToken === undefined) return undefined;
  const sent = rawHeader(ctx.req, CONTROL_TOKEN_HEADER) ?? bearer(rawHeader(ctx.req, 'authorization'));
  if (sent !== undefined && sameSecret(sent, controlToken)) return undefined;
  return failure(403, undefined, [
    'This mock was started with a control token: send it as X-Mock-Control-Token or Authorization: Bearer.',
  ]);
}
