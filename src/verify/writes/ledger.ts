import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What a write run created and changed, on disk before each write is sent, so that
// `verify --cleanup LEDGER` can finish the job after a crash or a second Ctrl+C. It never holds a
// passcode or a token: titles, ids and run statuses only.

/** A run verify changed on a task it did not create, and what to put back. */
export interface RunRestore {
  readonly taskId: string;
  readonly runId: string;
  readonly status: string;
  readonly result: string;
}

export interface LedgerData {
  readonly tool: 'tasks-contract verify --allow-writes';
  readonly baseUrl: string;
  /** Titles of every create sent (a crash may come before the server's answer names the id). */
  readonly titles: string[];
  readonly taskIds: string[];
  readonly restores: RunRestore[];
}

/** A ledger file; every change is written at once (whole, atomically). */
export class Ledger {
  private constructor(
    readonly path: string,
    private readonly data: LedgerData,
  ) {}

  /** A new ledger in `dir` (default the OS temp directory). */
  static create(baseUrl: string, dir: string = tmpdir()): Ledger {
    const path = join(dir, `tasks-contract-writes-${randomBytes(6).toString('hex')}.json`);
    const ledger = new Ledger(path, {
      tool: 'tasks-contract verify --allow-writes',
      baseUrl,
      titles: [],
      taskIds: [],
      restores: [],
    });
    ledger.save();
    return ledger;
  }

  /** Reads a ledger the user named; a message saying what is wrong otherwise. */
  static read(path: string): Ledger | string {
    let parsed: unknown;
    try {
      const text = readFileSync(path, 'utf8');
      if (text.length > 10_000_000) return `${path} is too large for a ledger`;
      parsed = JSON.parse(text);
    } catch (error) {
      return `cannot read the ledger ${path}: ${(error as Error).message}`;
    }
    const data = parsed as Partial<LedgerData> | null;
    const strings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');
    if (
      data?.tool !== 'tasks-contract verify --allow-writes' ||
      typeof data.baseUrl !== 'string' ||
      !strings(data.titles) ||
      !strings(data.taskIds) ||
      !Array.isArray(data.restores)
    )
      return `${path} is not a ledger of tasks-contract verify --allow-writes`;
    return new Ledger(path, data as LedgerData);
  }

  get baseUrl(): string {
    return this.data.baseUrl;
  }
  get titles(): readonly string[] {
    return this.data.titles;
  }
  get taskIds(): readonly string[] {
    return this.data.taskIds;
  }
  get restores(): readonly RunRestore[] {
    return this.data.restores;
  }
  /** Nothing is left to undo. */
  get empty(): boolean {
    return this.data.titles.length === 0 && this.data.taskIds.length === 0 && this.data.restores.length === 0;
  }

  willCreate(title: string): void {
    this.data.titles.push(title);
    this.save();
  }
  created(taskId: string): void {
    if (!this.data.taskIds.includes(taskId)) this.data.taskIds.push(taskId);
    this.save();
  }
  /** The task is gone (and any title that named it). */
  deleted(taskId: string, title?: string): void {
    this.remove(this.data.taskIds, taskId);
    if (title !== undefined) this.remove(this.data.titles, title);
    this.save();
  }
  /** A create the server refused: its title names nothing. */
  refused(title: string): void {
    this.remove(this.data.titles, title);
    this.save();
  }
  willChangeRun(restore: RunRestore): void {
    this.data.restores.push(restore);
    this.save();
  }
  runRestored(taskId: string, runId: string): void {
    const at = this.data.restores.findIndex((r) => r.taskId === taskId && r.runId === runId);
    if (at >= 0) this.data.restores.splice(at, 1);
    this.save();
  }

  /** Removes the file once nothing is left in it. */
  discardIfEmpty(): boolean {
    if (!this.empty) return false;
    rmSync(this.path, { force: true });
    return true;
  }

  private remove(list: string[], value: string): void {
    const at = list.indexOf(value);
    if (at >= 0) list.splice(at, 1);
  }

  private save(): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}
