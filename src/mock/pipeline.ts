import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { testDoubleControl } from './control/index.js';
import { answerRequestsControl } from './control/requests.js';
import { putTaskFromForm } from './control-put-task.js';
import { type ErrorStatusMode, failure, httpStatusOf, type MockFailure } from './failure.js';
import { applyFault, FAULT_STATUS, RUN_FAULTS, type RunFault } from './faults.js';
import { type ResponseFormat, responseFormat } from './format.js';
import { HANDLERS, type MockServices } from './handlers.js';
import type { Exchange, JournaledResponse } from './journal/exchange.js';
import type { RequestJournal } from './journal/journal.js';
import type { AppliedFault } from './journal/recorded-request.js';
import type { Recorder } from './journal/recorder.js';
import { REFUSALS } from './journal/refusals.js';
import { LIMITS } from './options.js';
import { type Params, parseParams } from './params.js';
import { rawHeader } from './raw-header.js';
import { MAX_BODY_BYTES, readBody } from './request-body.js';
import { type Document, JSON_TYPE, send, sendDocument, sendFailure } from './respond.js';
import { CONTROL_PREFIX, type ControlName, type Route, type Router } from './router.js';
import type { SeededRandom } from './seeded-random.js';
import { type Fault, parsePrefer, type Steering } from './steering.js';
import type { TestDouble } from './test-double.js';
import { presentedToken } from './token-transport.js';

export interface PipelineConfig {
  readonly router: Router;
  readonly services: MockServices;
  /** Undefined once the form validators are compiled; until then, the promise writes wait for. */
  readonly formValidators: () => Promise<unknown> | undefined;
  readonly errorStatus: ErrorStatusMode;
  readonly adminRoot: string;
  /** `currentVersion` at the admin root. */
  readonly siteVersion: string;
  readonly latency: { min: number; max: number } | undefined;
  readonly faultRate: number;
  /** Seeded streams for `--latency` and `--fault-rate`. */
  readonly chaos: SeededRandom;
  readonly onReset: () => void;
  readonly stateDump: () => unknown;
  /** Records each request (beside the pipeline: handlers never see it). */
  readonly recorder: Recorder;
  readonly journal: RequestJournal;
  readonly testDouble: TestDouble;
  /** The dashboard (`/__mock/ui`), when on: it takes its own requests before anything is routed or journaled. */
  readonly dashboard?: { handle(req: IncomingMessage, res: ServerResponse): boolean };
}

const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Operations whose forms are checked with the contract's schemas (they wait for the validators at start-up). */
const VALIDATED_FORMS = new Set(['createTask', 'updateTask', 'updateRun', 'generateToken']);
const CORS_HEADERS = 'Authorization, X-Esri-Authorization, Content-Type, Prefer';
/** The form of a request without a body; never written to. */
const NO_FORM: Params = new Map();

/** The request's journal entry in the making, if the journal or the log is on. */
const exchangeOf = (res: ServerResponse): Exchange | undefined => (res as JournaledResponse).exchange;

/**
 * One request, start to end: route (the spec's operation model) -> read and check input -> steer
 * (Prefer, seeded faults and latency) -> authenticate -> handle -> answer in the asked format.
 * Every refusal is a `MockFailure` rendered as an ArcGIS error envelope; nothing here throws at a client.
 * Beside it, the recorder journals each request (not the control endpoints): the pipeline notes on
 * the request's `Exchange` what it learnt, and finishes it wherever an answer leaves.
 */
export class Pipeline {
  /** Sockets held by `fault=stall`, ended when the server closes. */
  readonly stalled = new Set<Socket>();

  constructor(private readonly config: PipelineConfig) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.config.dashboard?.handle(req, res)) return;
    const url = req.url ?? '/';
    const origin = rawHeader(req, 'origin');
    if (origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const tooLong = url.length > LIMITS.maxUrlLength;
    const query = q === -1 || tooLong ? '' : url.slice(q + 1);
    const ex = path.startsWith(CONTROL_PREFIX)
      ? undefined
      : this.config.recorder.begin(req, req.method ?? 'GET', path, tooLong ? undefined : query);
    if (ex) (res as JournaledResponse).exchange = ex;
    if (tooLong) {
      if (ex) ex.refusal = REFUSALS.urlTooLong(url.length, LIMITS.maxUrlLength);
      return this.fail(
        res,
        failure(414, undefined, [`The request target exceeds ${LIMITS.maxUrlLength} characters.`], { transport: true }),
        undefined,
      );
    }
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if (method === 'OPTIONS') {
      if (ex) ex.route = 'other';
      res.writeHead(204, {
        Allow: 'GET, POST',
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': CORS_HEADERS,
      });
      res.end();
      return this.finish(res, 204);
    }
    const route = this.config.router.route(method, path);
    if (method !== 'POST' && method !== 'DELETE') return this.withParams(req, res, route, query, '');
    const contentType = (req.headers['content-type'] ?? FORM_TYPE).split(';')[0]!.trim().toLowerCase();
    if (contentType !== FORM_TYPE) {
      req.resume(); // drain the body unread, so keep-alive still works
      if (ex) ex.refusal = REFUSALS.notAForm(contentType, FORM_TYPE);
      return this.fail(
        res,
        failure(400, 'Unable to complete operation.', [
          `Send the parameters as ${FORM_TYPE}, not ${contentType || 'an empty content type'}.`,
        ]),
        undefined,
      );
    }
    readBody(req).then(
      (body) => {
        if (typeof body === 'string') return this.withParams(req, res, route, query, body);
        if (ex) ex.refusal = body.code === 413 ? REFUSALS.bodyTooLarge(MAX_BODY_BYTES) : REFUSALS.bodyCut();
        this.fail(res, body, undefined);
      },
      () => this.fail(res, failure(400, undefined, ['The request body could not be read.']), undefined),
    );
  }

  private withParams(req: IncomingMessage, res: ServerResponse, route: Route, query: string, body: string): void {
    // the form wins over the query: it is parsed first and the first occurrence of a name is kept
    const form: Params = body === '' ? NO_FORM : new Map();
    const params: Params = query === '' ? form : body === '' ? new Map() : new Map(form);
    const ex = exchangeOf(res);
    if ((body !== '' && !parseParams(body, form)) || (params !== form && !parseParams(query, params))) {
      if (ex) {
        ex.unparsed(body);
        ex.refusal = REFUSALS.malformedEncoding();
      }
      return this.fail(
        res,
        failure(400, 'Unable to complete operation.', ['The parameters are not valid URL-encoded text.']),
        undefined,
      );
    }
    ex?.parsed(params, form, body);
    const format = responseFormat(params.get('f'));
    if (format === undefined) {
      if (ex) ex.refusal = REFUSALS.wrongFormat(params.get('f') ?? '');
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
    if (route.kind === 'control') return this.control(res, route.name, route.method, params);
    if (ex) ex.route = route.kind === 'operation' ? 'operation' : 'other';
    if (route.kind === 'directory') return this.directory(res, route.segments, format);

    const prefer = rawHeader(req, 'prefer');
    const steering = parsePrefer(prefer);
    const runFault = this.drawRunFault();
    const delay = (steering.delayMs ?? 0) + this.drawLatency();
    if (ex) {
      ex.operationId = route.match.operation.operationId;
      ex.pathParams = route.match.pathParams;
      if (prefer !== undefined) ex.steering = steering;
      ex.delayMs = delay;
    }
    if (delay > 0) {
      const timer = setTimeout(() => this.answer(req, res, route, params, form, format, steering, runFault), delay);
      res.once('close', () => {
        clearTimeout(timer);
        this.finish(res, null); // the client left first (after an answer, a no-op)
      });
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
    if (res.destroyed) return this.finish(res, null);
    if (steering.fault) return this.fault(req, res, { kind: steering.fault, source: 'prefer' });
    if (runFault === 'error-500') {
      this.noteFault(res, { kind: runFault, source: 'fault-rate' });
      return this.fail(res, failure(500), format);
    }
    if (runFault) return this.fault(req, res, { kind: runFault, source: 'fault-rate' });
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
      if (refused) {
        const ex = exchangeOf(res);
        if (ex && refused.code === 499) ex.refusal = REFUSALS.noToken();
        return this.fail(res, refused, format);
      }
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
    this.finish(res, 200);
  }

  private authenticate(req: IncomingMessage, params: Params): MockFailure | undefined {
    const token = presentedToken(req.headers, params);
    if (token === undefined) return failure(499);
    const check = this.config.services.accounts.check(token);
    if (check === 'invalid' || check === 'expired') return failure(498);
    return check.role === 'admin' ? undefined : failure(403);
  }

  private control(res: ServerResponse, name: ControlName, method: string, params: Params): void {
    const testDouble = testDoubleControl(name, method, params, this.config.testDouble);
    if (testDouble) {
      Promise.resolve(testDouble).then(
        (a) => (a.kind === 'failure' ? this.fail(res, a, 'json') : send(res, 200, JSON_TYPE, JSON.stringify(a.body))),
        () => this.fail(res, failure(500), 'json'),
      );
      return;
    }
    if (name === 'reset') {
      this.config.onReset();
      send(res, 200, JSON_TYPE, '{"status":"success"}');
    } else if (name === 'state') {
      send(res, 200, JSON_TYPE, JSON.stringify(this.config.stateDump()));
    } else if (name === 'requests' || name === 'count-requests' || name === 'clear-requests') {
      const answer = answerRequestsControl(name, params, this.config.journal);
      if (typeof answer !== 'string') return this.fail(res, answer, 'json');
      send(res, 200, JSON_TYPE, answer);
    } else {
      const pending = this.config.formValidators();
      if (pending) {
        pending.then(
          () => this.control(res, name, method, params),
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
      value:
        segments.length === 0
          ? { resources: [child], currentVersion: this.config.siteVersion }
          : { resources: [child] },
      page: () => ({
        title: segments.length === 0 ? 'Home' : 'system',
        breadcrumbs: segments,
        childResources: [{ label: child, href: [...segments, child].join('/') }],
      }),
    };
    sendDocument(res, doc, format, this.config.adminRoot);
    this.finish(res, 200);
  }

  private fail(res: ServerResponse, f: MockFailure, format: ResponseFormat | undefined): void {
    if (res.headersSent || res.destroyed) return this.finish(res, null);
    sendFailure(res, f, this.config.errorStatus, format);
    this.finish(res, httpStatusOf(f, this.config.errorStatus), f);
  }

  private fault(req: IncomingMessage, res: ServerResponse, fault: AppliedFault & { kind: Fault }): void {
    this.noteFault(res, fault);
    applyFault(fault.kind, req, res, this.stalled);
    this.finish(res, FAULT_STATUS[fault.kind]);
  }

  private noteFault(res: ServerResponse, fault: AppliedFault): void {
    const ex = exchangeOf(res);
    if (ex) ex.fault = fault;
  }

  /** Hands the request's entry to the recorder: the answer's HTTP status (null: none sent) and the envelope's code. */
  private finish(res: ServerResponse, status: number | null, f?: MockFailure): void {
    const ex = exchangeOf(res);
    if (!ex || ex.finished) return;
    ex.status = status;
    if (f && status !== null) {
      ex.errorCode = f.code;
      ex.errorMessage = f.message;
    }
    this.config.recorder.finish(ex);
  }

  /** Journals a request node refused before it reached the pipeline (see server.ts). */
  recordClientError(requestLine: string | undefined, status: number, reason: string): void {
    this.config.recorder.recordClientError(requestLine, status, REFUSALS.brokenHttp(status, reason));
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
