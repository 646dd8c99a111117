import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { putTaskFromForm } from './control-put-task.js';
import { type ErrorStatusMode, failure, type MockFailure } from './failure.js';
import { applyFault, RUN_FAULTS, type RunFault } from './faults.js';
import { type ResponseFormat, responseFormat } from './format.js';
import { HANDLERS, type MockServices } from './handlers.js';
import { LIMITS } from './options.js';
import { type Params, parseParams } from './params.js';
import { rawHeader } from './raw-header.js';
import { readBody } from './request-body.js';
import { type Document, JSON_TYPE, send, sendDocument, sendFailure } from './respond.js';
import type { ControlName, Route, Router } from './router.js';
import type { SeededRandom } from './seeded-random.js';
import { parsePrefer, type Steering } from './steering.js';
import { presentedToken } from './token-transport.js';

export interface PipelineConfig {
  readonly router: Router;
  readonly services: MockServices;
  /** Undefined once the form validators are compiled; until then, the promise writes wait for. */
  readonly formValidators: () => Promise<unknown> | undefined;
  readonly errorStatus: ErrorStatusMode;
  readonly adminRoot: string;
  readonly latency: { min: number; max: number } | undefined;
  readonly faultRate: number;
  /** Seeded streams for `--latency` and `--fault-rate`. */
  readonly chaos: SeededRandom;
  readonly onReset: () => void;
  readonly stateDump: () => unknown;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Operations whose forms are checked with the contract's schemas (they wait for the validators at start-up). */
const VALIDATED_FORMS = new Set(['createTask', 'updateTask', 'updateRun', 'generateToken']);
const CORS_HEADERS = 'Authorization, X-Esri-Authorization, Content-Type, Prefer';
/** The form of a request without a body; never written to. */
const NO_FORM: Params = new Map();

/**
 * One request, start to end: route (the spec's operation model) -> read and check input -> steer
 * (Prefer, seeded faults and latency) -> authenticate -> handle -> answer in the asked format.
 * Every refusal is a `MockFailure` rendered as an ArcGIS error envelope; nothing here throws at a client.
 */
export class Pipeline {
  /** Sockets held by `fault=stall`, ended when the server closes. */
  readonly stalled = new Set<Socket>();

  constructor(private readonly config: PipelineConfig) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const origin = rawHeader(req, 'origin');
    if (origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (url.length > LIMITS.maxUrlLength) {
      return this.fail(
        res,
        failure(414, undefined, [`The request target exceeds ${LIMITS.maxUrlLength} characters.`], { transport: true }),
        undefined,
      );
    }
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        Allow: 'GET, POST',
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': CORS_HEADERS,
      });
      res.end();
      return;
    }
    const route = this.config.router.route(method, path);
    if (method !== 'POST') return this.withParams(req, res, route, query, '');
    const contentType = (req.headers['content-type'] ?? FORM_TYPE).split(';')[0]!.trim().toLowerCase();
    if (contentType !== FORM_TYPE) {
      req.resume(); // drain the body unread, so keep-alive still works
      return this.fail(
        res,
        failure(400, 'Unable to complete operation.', [
          `Send the parameters as ${FORM_TYPE}, not ${contentType || 'an empty content type'}.`,
        ]),
        undefined,
      );
    }
    readBody(req).then(
      (body) =>
        typeof body === 'string' ? this.withParams(req, res, route, query, body) : this.fail(res, body, undefined),
      () => this.fail(res, failure(400, undefined, ['The request body could not be read.']), undefined),
    );
  }

  private withParams(req: IncomingMessage, res: ServerResponse, route: Route, query: string, body: string): void {
    // the form wins over the query: it is parsed first and the first occurrence of a name is kept
    const form: Params = body === '' ? NO_FORM : new Map();
    const params: Params = query === '' ? form : body === '' ? new Map() : new Map(form);
    if ((body !== '' && !parseParams(body, form)) || (params !== form && !parseParams(query, params))) {
      return this.fail(
        res,
        failure(400, 'Unable to complete operation.', ['The parameters are not valid URL-encoded text.']),
        undefined,
      );
    }
    const format = responseFormat(params.get('f'));
    if (format === undefined) {
      return this.fail(
        res,
        failure(400, 'Unable to complete operation.', [`Invalid value for parameter 'f': use html, json or pjson.`]),
        undefined,
      );
    }
    if (route.kind === 'notFound')
      return this.fail(res, failure(404, `Could not find resource or operation '${req.url?.split('?')[0]}'.`), format);
    if (route.kind === 'methodNotAllowed') {
      return this.fail(
        res,
        failure(405, `Method not supported. Use ${route.allowed.join(' or ')}.`, [], {
          headers: { Allow: route.allowed.join(', ') },
        }),
        format,
      );
    }
    if (route.kind === 'control') return this.control(res, route.name, params);
    if (route.kind === 'directory') return this.directory(res, route.segments, format);

    const steering = parsePrefer(rawHeader(req, 'prefer'));
    const runFault = this.drawRunFault();
    const delay = (steering.delayMs ?? 0) + this.drawLatency();
    if (delay > 0) {
      const timer = setTimeout(() => this.answer(req, res, route, params, form, format, steering, runFault), delay);
      res.once('close', () => clearTimeout(timer));
    } else {
      this.answer(req, res, route, params, form, format, steering, runFault);
    }
  }

  private answer(
    req: IncomingMessage,
    res: ServerResponse,
    route: Extract<Route, { kind: 'operation' }>,
    params: Params,
    form: Params,
    format: ResponseFormat,
    steering: Steering,
    runFault: RunFault | undefined,
  ): void {
    if (res.destroyed) return;
    if (steering.fault) return applyFault(steering.fault, req, res, this.stalled);
    if (runFault === 'error-500') return this.fail(res, failure(500), format);
    if (runFault) return applyFault(runFault, req, res, this.stalled);
    if (steering.code !== undefined) return this.fail(res, failure(steering.code), format);
    if (steering.unknownExample !== undefined) {
      return this.fail(
        res,
        failure(400, 'Unable to complete operation.', [
          `Prefer example=${steering.unknownExample} names no task type.`,
        ]),
        format,
      );
    }
    const { operation, pathParams } = route.match;
    // any security alternative means a token is needed: the spec's empty one on POST operations
    // stands for the token in the form body (OpenAPI has no scheme for it), not for anonymous access
    if (operation.security.length > 0) {
      const refused = this.authenticate(req, params);
      if (refused) return this.fail(res, refused, format);
    }
    const pending = VALIDATED_FORMS.has(operation.operationId) ? this.config.formValidators() : undefined;
    if (pending) {
      pending.then(
        () => this.answer(req, res, route, params, form, format, { ...steering, delayMs: 0 }, undefined),
        () => this.fail(res, failure(500), format),
      );
      return;
    }
    const handler = HANDLERS[operation.operationId];
    const outcome = handler
      ? handler(this.config.services, { operation, pathParams, params, form, steering })
      : failure(404, `Operation '${operation.operationId}' is not implemented by the mock.`);
    if (outcome.kind === 'failure') return this.fail(res, outcome, format);
    sendDocument(res, outcome, format, this.config.adminRoot);
  }

  private authenticate(req: IncomingMessage, params: Params): MockFailure | undefined {
    const token = presentedToken(req.headers, params);
    if (token === undefined) return failure(499);
    const check = this.config.services.accounts.check(token);
    if (check === 'invalid' || check === 'expired') return failure(498);
    return check.role === 'admin' ? undefined : failure(403);
  }

  private control(res: ServerResponse, name: ControlName, params: Params): void {
    if (name === 'reset') {
      this.config.onReset();
      send(res, 200, JSON_TYPE, '{"status":"success"}');
    } else if (name === 'state') {
      send(res, 200, JSON_TYPE, JSON.stringify(this.config.stateDump()));
    } else {
      const pending = this.config.formValidators();
      if (pending) {
        pending.then(
          () => this.control(res, name, params),
          () => this.fail(res, failure(500), 'json'),
        );
        return;
      }
      const refused = putTaskFromForm(params, this.config.services.store, this.config.services.validators);
      if (refused) return this.fail(res, refused, 'json');
      send(res, 200, JSON_TYPE, '{"status":"success"}');
    }
  }

  private directory(res: ServerResponse, segments: readonly string[], format: ResponseFormat): void {
    const child = segments.length === 0 ? 'system' : 'tasks';
    const doc: Document = {
      kind: 'document',
      value: { resources: [child] },
      page: () => ({
        title: segments.length === 0 ? 'Home' : 'system',
        breadcrumbs: segments,
        childResources: [{ label: child, href: [...segments, child].join('/') }],
      }),
    };
    sendDocument(res, doc, format, this.config.adminRoot);
  }

  private fail(res: ServerResponse, f: MockFailure, format: ResponseFormat | undefined): void {
    if (res.headersSent || res.destroyed) return;
    sendFailure(res, f, this.config.errorStatus, format);
  }

  private drawLatency(): number {
    const latency = this.config.latency;
    return latency ? this.config.chaos.between(latency.min, latency.max) : 0;
  }

  private drawRunFault(): RunFault | undefined {
    if (this.config.faultRate <= 0 || this.config.chaos.next() >= this.config.faultRate) return undefined;
    return RUN_FAULTS[this.config.chaos.between(0, RUN_FAULTS.length - 1)];
  }
}
