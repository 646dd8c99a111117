import type { ReleaseProfile } from '../../domain/releases.js';
import { detectErrorEnvelope } from '../../validation/envelope.js';
import type { ExchangeContext, Purpose } from '../checks/types.js';

export type { WriteCaseDriver } from './driver.js';

import type { SendExtras, WriteCaseDriver } from './driver.js';
import { PROBE_PREFIX } from './forms.js';
import { Ledger } from './ledger.js';
import { SeededDraw } from './random.js';
import type { WriteCase, WriteCaseNote } from './write-case.js';

export interface WriteCaseOptions {
  readonly profile: ReleaseProfile;
  readonly seed: number;
  /** At most this many cases (negative first, then positive); the chain always runs. */
  readonly budget: number;
  /** Where the ledger goes (default the OS temp directory). */
  readonly ledgerDir?: string;
  /** "now" for dates in forms (epoch ms). */
  readonly now?: number;
}

/** What a write run did, for the report. */
export interface WriteCaseSummary {
  readonly seed: number;
  readonly negative: number;
  readonly positive: number;
  readonly chain: boolean;
  /** The ledger's path, and whether it was removed (everything undone). */
  readonly ledger: string;
  readonly ledgerRemoved: boolean;
  readonly interrupted: boolean;
}

/** Default `--write-cases`: every case of the newest release. */
export const DEFAULT_WRITE_CASES = 80;

export const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** A refusal: an ArcGIS error envelope, or an HTTP error status. */
export function refused(context: ExchangeContext): boolean {
  const response = context.exchange.response;
  if (!response) return true; // a fault is the transport check's; nothing was created
  return response.status >= 400 || detectErrorEnvelope(context.exchange.json) !== undefined;
}

/** The id a create answer names (`{status, taskId}` or the Task itself). */
function createdId(context: ExchangeContext): string | undefined {
  if (refused(context)) return undefined;
  const id = record(context.exchange.json)?.['taskId'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** One write run: the state it shares between its phases. */
export class WriteSession {
  readonly draw: SeededDraw;
  readonly ledger: Ledger;
  readonly tag: string;
  private titles = 0;
  interrupted = false;

  constructor(
    readonly run: WriteCaseDriver,
    readonly options: WriteCaseOptions,
  ) {
    this.draw = new SeededDraw(options.seed);
    this.ledger = Ledger.create(run.api.baseUrl, options.ledgerDir);
    this.tag = `${options.seed.toString(36)}-${Date.now().toString(36)}`;
  }

  nextTitle = (): string => `${PROBE_PREFIX}${this.tag}-${this.titles++}`;

  note(testCase: WriteCase, extra: Partial<WriteCaseNote> = {}): WriteCaseNote {
    return {
      id: testCase.id,
      rule: testCase.rule,
      expect: testCase.expect,
      seed: this.options.seed,
      ...(testCase.readBack ? { readBack: testCase.readBack } : {}),
      ...extra,
    };
  }

  /** Sends a create, with the ledger told before and after. */
  async create(
    form: Record<string, string>,
    passcode: string | undefined,
    purpose: Purpose,
    extra: SendExtras,
  ): Promise<{ context: ExchangeContext; taskId: string | undefined }> {
    const title = form['title'] ?? '';
    if (passcode) {
      this.run.sentSecrets.push(passcode);
      this.run.addSecret(passcode);
    }
    this.ledger.willCreate(title);
    const context = await this.run.send('write', this.run.api.write('create'), {}, purpose, 'json', {
      form,
      ...(passcode ? { secretFields: ['parameters'] } : {}),
      ...extra,
    });
    const taskId = createdId(context);
    if (taskId) this.ledger.created(taskId);
    else if (refused(context)) this.ledger.refused(title);
    return { context, taskId };
  }

  async delete(taskId: string, title: string | undefined, judge = false): Promise<void> {
    const context = await this.run.send('write', this.run.api.write('delete'), { taskId }, 'write', 'json', { judge });
    if (!refused(context)) this.ledger.deleted(taskId, title);
  }

  async listIds(purpose: Purpose = 'read-back', extra: SendExtras = { judge: false }): Promise<string[] | undefined> {
    const list = await this.run.send('list', this.run.api.read('list', 'get'), {}, purpose, 'json', extra);
    const items = record(list.exchange.json)?.['result'];
    if (!Array.isArray(items)) return undefined;
    return items.map((item) => String(record(item)?.['taskId'])).sort();
  }
}
