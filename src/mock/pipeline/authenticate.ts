import type { IncomingMessage } from 'node:http';
import type { TokenPlacements } from '../../contract/tokens.js';
import { failure, type MockFailure } from '../failure.js';
import type { Params } from '../params.js';
import { rawHeader } from '../raw-header.js';
import { type PresentedToken, tokenSource } from '../token-transport.js';
import type { PipelineConfig, RequestContext } from './context.js';

/** The token of a request (form, then query, then the two bearer headers; see `tokenSource`). */
export function presentedToken(
  req: IncomingMessage,
  params: Params,
  form: Params,
  tokens: TokenPlacements,
): PresentedToken {
  return tokenSource(params, form, (name) => rawHeader(req, name), tokens);
}

/**
 * Authenticate: any security alternative means a token is needed (the spec's empty one on POST
 * operations stands for the token in the form body, which OpenAPI has no scheme for, not for
 * anonymous access). 499 without a token, 498 for an invalid or expired one, 403 for a non-admin.
 */
export function authenticate(config: PipelineConfig, ctx: RequestContext): MockFailure | undefined {
  if (ctx.route.kind !== 'operation' || ctx.route.match.operation.security.length === 0) return undefined;
  const { token } = ctx.token;
  if (token === undefined) return failure(499);
  const check = config.services.accounts.check(token);
  if (check === 'invalid' || check === 'expired') return failure(498);
  return check.role === 'admin' ? undefined : failure(403);
}
