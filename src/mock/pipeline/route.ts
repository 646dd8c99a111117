import { rawHeader } from '../raw-header.js';
import { CONTROL_PREFIX } from '../router.js';
import type { PipelineConfig, RequestContext } from './context.js';

const CORS_HEADERS = 'Authorization, X-Esri-Authorization, Content-Type, Prefer';

/**
 * Route: the spec's operation model (or a control endpoint, or the admin directory) for the
 * request's method and path. The mocked API keeps its CORS, which browser clients need; the
 * control endpoints get none (see control-guard.ts).
 */
export function routeRequest(config: PipelineConfig, ctx: RequestContext): void {
  ctx.route = config.router.route(ctx.method, ctx.path);
}

/** CORS for the mocked API (browser clients need it); none for the control endpoints. */
export function allowOrigin(ctx: RequestContext): void {
  if (ctx.path.startsWith(CONTROL_PREFIX)) return;
  const origin = rawHeader(ctx.req, 'origin');
  if (origin !== undefined) {
    ctx.res.setHeader('Access-Control-Allow-Origin', origin);
    ctx.res.setHeader('Vary', 'Origin');
  }
}

/** The answer to a preflight: CORS for the API, only `Allow` for the control endpoints. */
export function preflightHeaders(ctx: RequestContext): Readonly<Record<string, string>> {
  return ctx.path.startsWith(CONTROL_PREFIX)
    ? { Allow: 'GET, POST, DELETE' }
    : {
        Allow: 'GET, POST',
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': CORS_HEADERS,
      };
}
