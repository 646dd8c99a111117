import { TASK_TYPES, type Task, type TaskType } from '../../shapes/contract-types.js';

/** How a firing ends, as a test steers it. */
export type SteeredOutcome = 'succeeded' | 'failed' | 'submitfailed' | 'skipped';
export const STEERED_OUTCOMES: readonly SteeredOutcome[] = ['succeeded', 'failed', 'submitfailed', 'skipped'];

/** Which firings a rule is for: one task's, or those of every task of a type. */
export type OutcomeTarget = { readonly taskId: string } | { readonly taskType: TaskType };

/** An outcome for the next `times` firings of the target, or for all of them when `times` is absent. */
export interface OutcomeRule {
  readonly outcome: SteeredOutcome;
  /** The run's `result` text; default: a text a server of that task type writes. */
  readonly message?: string;
  /** 1 or more; absent: every firing until the rules are cleared or replaced. */
  readonly times?: number;
}

/** The decision for one firing. */
export interface Decision {
  readonly outcome: SteeredOutcome;
  readonly message?: string;
}

interface Steps {
  /** Counted rules, first come first served; each entry's `left` goes down per firing. */
  queue: { rule: OutcomeRule; left: number }[];
  /** What applies once the queue is empty. */
  standing: OutcomeRule | undefined;
}

/**
 * A target's rules seen by a batch of firings: position 0 is its next firing. `counted` firings are
 * decided by counted rules, the ones after by the standing rule or the default.
 */
interface OutcomeLane {
  readonly counted: number;
  readonly standing: boolean;
  /** The decision of the firing at `position`, without using anything up. */
  at(position: number): Decision;
}

/**
 * Who decides a task's firings from now on: its own lane for the first `ownFirings` (all of them
 * when it has a standing rule of its own), then its type's lane.
 */
export interface FiringRoute {
  readonly own: OutcomeLane;
  readonly ownFirings: number;
  readonly typeLane: OutcomeLane;
}

/** What `GET /__mock/outcomes` lists. */
export interface OutcomeListing {
  readonly target: OutcomeTarget;
  readonly outcome: SteeredOutcome;
  readonly message?: string;
  /** Firings left for a counted rule; absent for a standing one. */
  readonly timesLeft?: number;
}

const DEFAULT: Decision = Object.freeze({ outcome: 'succeeded' });
const MAX_MESSAGE_LENGTH = 2000;
const MAX_TIMES = 1_000_000;
/** Rules kept at once (all targets): each is looked at per firing, so they are bounded like the runs. */
export const MAX_OUTCOME_RULES = 1000;

/** Throws a RangeError naming what is wrong with a rule (the control endpoint answers it as a 400). */
export function checkOutcomeRule(rule: OutcomeRule): void {
  if (!STEERED_OUTCOMES.includes(rule.outcome))
    throw new RangeError(`outcome must be one of ${STEERED_OUTCOMES.join(', ')}, got "${rule.outcome}"`);
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 1 && rule.times <= MAX_TIMES))
    throw new RangeError(`times must be a whole number from 1 to ${MAX_TIMES}, got ${rule.times}`);
  if (rule.message !== undefined && (typeof rule.message !== 'string' || rule.message.length > MAX_MESSAGE_LENGTH))
    throw new RangeError(`message must be text of at most ${MAX_MESSAGE_LENGTH} characters`);
}

export function checkOutcomeTarget(target: OutcomeTarget): void {
  if ('taskType' in target && !TASK_TYPES.includes(target.taskType))
    throw new RangeError(`taskType must be one of ${TASK_TYPES.join(', ')}, got "${target.taskType}"`);
}

const keyOf = (target: OutcomeTarget) => ('taskId' in target ? `id:${target.taskId}` : `type:${target.taskType}`);

/**
 * The outcomes tests steered, per task and per task type. For a firing, the task's own rules come
 * first (counted ones in the order given, then its standing one), then its type's, then the default:
 * succeeded. A rule with `times` is queued behind the target's other counted rules; one without
 * replaces the target's standing rule.
 *
 * @example
 * outcomes.set({ taskType: 'CreateBackup' }, { outcome: 'failed', times: 1, message: 'disk full' });
 * outcomes.take(task); // { outcome: 'failed', message: 'disk full' } for the next backup, then succeeded
 */
export class Outcomes {
  private readonly steps = new Map<string, Steps>();
  private readonly targets = new Map<string, OutcomeTarget>();
  /** Counted rules still waiting: when 0, every firing's decision is a standing one (the fast path). */
  private counted = 0;
  private changes = 0;

  /** Goes up whenever the rules change (set, clear, a counted rule used): for change feeds. */
  get revision(): number {
    return this.changes;
  }

  set(target: OutcomeTarget, rule: OutcomeRule): void {
    checkOutcomeTarget(target);
    checkOutcomeRule(rule);
    this.changes++;
    const key = keyOf(target);
    const steps = this.steps.get(key) ?? { queue: [], standing: undefined };
    if (rule.times !== undefined && this.ruleCount() >= MAX_OUTCOME_RULES)
      throw new RangeError(
        `at most ${MAX_OUTCOME_RULES} outcome rules are kept; clear some first (DELETE /__mock/outcomes)`,
      );
    if (rule.times === undefined) steps.standing = { ...rule };
    else {
      steps.queue.push({ rule: { ...rule }, left: rule.times });
      this.counted++;
    }
    this.steps.set(key, steps);
    this.targets.set(key, target);
  }

  /** Forgets the rules of one target, or all of them. */
  clear(target?: OutcomeTarget): void {
    this.changes++;
    if (target === undefined) {
      this.steps.clear();
      this.targets.clear();
    } else {
      this.steps.delete(keyOf(target));
      this.targets.delete(keyOf(target));
    }
    this.counted = [...this.steps.values()].reduce((n, s) => n + s.queue.length, 0);
  }

  private ruleCount(): number {
    let n = 0;
    for (const steps of this.steps.values()) n += steps.queue.length + (steps.standing ? 1 : 0);
    return n;
  }

  /** True when some counted rule is still waiting for firings. */
  get hasCounted(): boolean {
    return this.counted > 0;
  }

  /** The steps that decide the task's next firing, or undefined for the default. */
  private decidingSteps(task: Task): Steps | undefined {
    const own = this.steps.get(`id:${task.taskId}`);
    if (own && (own.queue.length > 0 || own.standing)) return own;
    return this.steps.get(`type:${task.taskType}`);
  }

  /** The lanes that decide the task's coming firings, in the order `take` would consult them. */
  route(task: Task): FiringRoute {
    const own = laneOf(this.steps.get(`id:${task.taskId}`));
    return {
      own,
      ownFirings: own.standing ? Number.POSITIVE_INFINITY : own.counted,
      typeLane: laneOf(this.steps.get(`type:${task.taskType}`)),
    };
  }

  /** Uses up `firings` firings of the target's counted rules, first come first served, as that many `take`s would. */
  use(target: OutcomeTarget, firings: number): void {
    const steps = this.steps.get(keyOf(target));
    let left = firings;
    let spent = 0;
    while (steps && left > 0 && spent < steps.queue.length) {
      const head = steps.queue[spent]!;
      const n = Math.min(head.left, left);
      head.left -= n;
      left -= n;
      this.changes += n;
      if (head.left === 0) spent++;
    }
    if (steps && spent > 0) {
      steps.queue.splice(0, spent);
      this.counted -= spent;
    }
  }

  /** The decision for the task's next firing, without using it up. */
  peek(task: Task): Decision {
    const steps = this.decidingSteps(task);
    const rule = steps?.queue[0]?.rule ?? steps?.standing;
    return rule ? toDecision(rule) : DEFAULT;
  }

  /** The decision for the task's next firing; a counted rule loses one firing. */
  take(task: Task): Decision {
    const steps = this.decidingSteps(task);
    const head = steps?.queue[0];
    if (!head) return this.peek(task);
    this.changes++;
    head.left--;
    if (head.left === 0) {
      steps!.queue.shift();
      this.counted--;
    }
    return toDecision(head.rule);
  }

  list(): OutcomeListing[] {
    const out: OutcomeListing[] = [];
    for (const [key, steps] of this.steps) {
      const target = this.targets.get(key)!;
      for (const { rule, left } of steps.queue) out.push({ target, ...toDecision(rule), timesLeft: left });
      if (steps.standing) out.push({ target, ...toDecision(steps.standing) });
    }
    return out;
  }
}

/** The lane of a target without rules: every firing gets the default (most tasks, every catch-up). */
const NO_RULES: OutcomeLane = { counted: 0, standing: false, at: () => DEFAULT };

function laneOf(steps: Steps | undefined): OutcomeLane {
  if (!steps) return NO_RULES;
  const rules = steps?.queue.map((entry) => entry.rule) ?? [];
  const ends: number[] = [];
  let counted = 0;
  for (const entry of steps?.queue ?? []) {
    counted += entry.left;
    ends.push(counted);
  }
  const after = steps?.standing ? toDecision(steps.standing) : DEFAULT;
  return {
    counted,
    standing: steps?.standing !== undefined,
    at(position) {
      if (position >= counted) return after;
      let lo = 0;
      let hi = ends.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ends[mid]! > position) hi = mid;
        else lo = mid + 1;
      }
      return toDecision(rules[lo]!);
    },
  };
}

function toDecision(rule: OutcomeRule): Decision {
  return rule.message === undefined ? { outcome: rule.outcome } : { outcome: rule.outcome, message: rule.message };
}
