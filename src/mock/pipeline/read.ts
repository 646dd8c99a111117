import type { IncomingMessage } from 'node:http';
import type { TokenPlacements } from '../../contract/tokens.js';
import { failure, type MockFailure } from '../failure.js';
import { responseFormat } from '../format.js';
import { MAX_JSON_DEPTH, tooDeepField } from '../input-limits.js';
import type { JournaledResponse } from '../journal/exchange.js';
import { REFUSALS } from '../journal/refusals.js';
import { LIMITS } from '../options.js';
import { type Params, parseParams } from '../params.js';
import { MAX_BODY_BYTES, readBody } from '../request-body.js';
import { CONTROL_PREFIX } from '../router.js';
import { presentedToken } from './authenticate.js';
import { NO_PARAMS, type PipelineConfig, type RequestContext } from './context.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';
const NOT_ROUTED = { kind: 'notFound' } as const;
const NO_TOKEN = { token: undefined, transport: 'none' } as const;

/**
 * Read, first step: the request line. The journal's entry begins here (not for control endpoints),
 * holding only references to the raw request: the work of recording is done when it is finished.
 */
export function beginRequest(config: PipelineConfig, req: IncomingMessage, res: JournaledResponse): RequestContext {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const tooLong = url.length > LIMITS.maxUrlLength;
  const query = q === -1 || tooLong ? '' : url.slice(q + 1);
  const exchange = path.startsWith(CONTROL_PREFIX)
    ? undefined
    : config.recorder.begin(req, req.method ?? 'GET', path, tooLong ? undefined : query);
  if (exchange) res.exchange = exchange;
  return {
    req,
    res,
    exchange,
    method: req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'),
    path,
    query,
    route: NOT_ROUTED,
    params: NO_PARAMS,
    form: NO_PARAMS,
    format: undefined,
    token: NO_TOKEN,
    repeated: undefined,
  };
}

/** 414 for a request target over `LIMITS.maxUrlLength`. */
export function checkTarget(ctx: RequestContext): MockFailure | undefined {
  const length = ctx.req.url?.length ?? 0;
  if (length <= LIMITS.maxUrlLength) return undefined;
  if (ctx.exchange) ctx.exchange.refusal = REFUSALS.urlTooLong(length, LIMITS.maxUrlLength);
  return failure(414, undefined, [`The request target exceeds ${LIMITS.maxUrlLength} characters.`], {
    transport: true,
  });
}

/**
 * Read, second step: the body of a POST or DELETE (a URL-encoded form only, at most
 * MAX_BODY_BYTES), then the parameters. `then` gets the refusal, if any (at once when there is no
 * body to wait for); the context holds the rest.
 */
export function readInput(
  ctx: RequestContext,
  tokens: TokenPlacements,
  then: (refusal: MockFailure | undefined) => void,
): void {
  if (ctx.method !== 'POST' && ctx.method !== 'DELETE') return then(readParams(ctx, '', tokens));
  const declared = ctx.req.headers['content-type'];
  const contentType =
    declared === undefined || declared === FORM_TYPE ? FORM_TYPE : declared.split(';')[0]!.trim().toLowerCase();
  if (contentType !== FORM_TYPE) {
    ctx.req.resume(); // drain the body unread, so keep-alive still works
    if (ctx.exchange) ctx.exchange.refusal = REFUSALS.notAForm(contentType, FORM_TYPE);
    return then(
      failure(400, 'Unable to complete operation.', [
        `Send the parameters as ${FORM_TYPE}, not ${contentType || 'an empty content type'}.`,
      ]),
    );
  }
  readBody(ctx.req, (body) => then(bodyRead(ctx, body, tokens)));
}

/** The refusal of a body read (or cut short), if any; never throws: it runs in the request stream's event. */
function bodyRead(ctx: RequestContext, body: string | MockFailure, tokens: TokenPlacements): MockFailure | undefined {
  if (typeof body !== 'string') {
    if (ctx.exchange)
      ctx.exchange.refusal = body.code === 413 ? REFUSALS.bodyTooLarge(MAX_BODY_BYTES) : REFUSALS.bodyCut();
    return body;
  }
  try {
    return readParams(ctx, body, tokens);
  } catch {
    return failure(400, undefined, ['The request body could not be read.']);
  }
}

/** The parameters (the form wins over the query: it is parsed first and the first occurrence of a name is kept). */
function readParams(ctx: RequestContext, body: string, tokens: TokenPlacements): MockFailure | undefined {
  const { query, exchange: ex } = ctx;
  const form: Params = body === '' ? NO_PARAMS : new Map();
  const params: Params = query === '' ? form : body === '' ? new Map() : new Map(form);
  const repeats: string[] = [];
  if ((body !== '' && !parseParams(body, form, repeats)) || (params !== form && !parseParams(query, params, repeats))) {
    if (ex) {
      ex.unparsed(body);
      ex.refusal = REFUSALS.malformedEncoding();
    }
    return failure(400, 'Unable to complete operation.', ['The parameters are not valid URL-encoded text.']);
  }
  ctx.params = params;
  ctx.form = form;
  ctx.repeated = repeats[0];
  ctx.token = presentedToken(ctx.req, params, form, tokens);
  ex?.parsed(params, form, body, ctx.token);
  // bounded where data enters: no later walk (validation, diagnostics, the journal) meets hostile nesting
  const tooDeep = tooDeepField(params);
  ctx.format = responseFormat(params.get('f'));
  if (tooDeep) {
    if (ex) ex.refusal = REFUSALS.tooDeep(MAX_JSON_DEPTH);
    return tooDeep;
  }
  if (ctx.format === undefined) {
    if (ex) ex.refusal = REFUSALS.wrongFormat(params.get('f') ?? '');
    return failure(400, 'Unable to complete operation.', [`Invalid value for parameter 'f': use html, json or pjson.`]);
  }
  return undefined;
}
