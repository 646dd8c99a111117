import type { Accounts } from './accounts.js';
import type { BuiltScenario } from './scenarios/build-scenario.js';
import type { ScheduleEngine } from './schedules/engine.js';
import type { Outcomes } from './schedules/outcomes.js';
import type { MockStore } from './store.js';
import type { MockClock } from './time/clock.js';

/**
 * What makes the mock a test double, in one place: the clock, the schedules that run on it, the
 * outcomes a test steers and the loaded scenario. The server calls `tick()` before each request; the
 * control endpoints (`/__mock/clock`, `/__mock/outcomes`, `/__mock/scenario`) and `startMockServer`'s
 * result work through it.
 */
export class TestDouble {
  private scenario: BuiltScenario | undefined;
  /** Where reset puts the clock (frozen): a frozen start, or the loaded scenario's; undefined for a running clock. */
  private startMs: number | undefined;
  /** While resetting, moving the clock does not run the schedules on the state being left. */
  private resetting = false;

  constructor(
    readonly clock: MockClock,
    readonly outcomes: Outcomes,
    readonly schedules: ScheduleEngine,
    readonly store: MockStore,
    private readonly accounts: Accounts,
    /** Builds a scenario (name, file, or its JSON text) without touching this mock. */
    private readonly build: (scenario: ScenarioInput) => Promise<BuiltScenario>,
  ) {
    this.startMs = clock.isFrozen ? clock.now() : undefined;
    clock.onChange((now) => {
      if (!this.resetting) schedules.catchUp(now);
    });
  }

  /** Catches the schedules up when something is due: one comparison when nothing is. */
  tick(): void {
    const now = this.clock.now();
    if (now >= this.schedules.nextDue) this.schedules.catchUp(now);
  }

  /** The loaded scenario's name, if any. */
  get scenarioName(): string | undefined {
    return this.scenario?.name;
  }

  /**
   * Loads a scenario: everything is built and checked first, so a bad one (a ScenarioError naming
   * the file, the JSON pointer and the rule) leaves the mock as it was.
   */
  async loadScenario(scenario: ScenarioInput): Promise<BuiltScenario> {
    const built = await this.build(scenario);
    this.useScenario(built);
    return built;
  }

  /** Switches to a scenario already built (and so checked). */
  useScenario(built: BuiltScenario): void {
    this.scenario = built;
    this.store.replaceSeed(built.set);
    // the scenario was built from the clock's now and moved it by its advance: so does the mock's clock
    if (built.setsClock || this.clock.isFrozen) this.startMs = built.clockMs;
    else {
      this.resetting = true;
      this.clock.set(built.clockMs);
      this.resetting = false;
    }
    this.reset();
  }

  /**
   * Back to the loaded scenario's start, or to how the mock started: data, outcomes, token lifetime,
   * and a clock that started frozen (or a scenario's clock) back to that instant; a running clock runs on.
   */
  reset(): void {
    const built = this.scenario;
    this.resetting = true;
    if (this.startMs !== undefined) {
      this.clock.freeze();
      this.clock.set(this.startMs);
    }
    this.resetting = false;
    this.outcomes.clear();
    for (const { target, outcome, message, timesLeft } of built?.outcomes ?? [])
      this.outcomes.set(target, {
        outcome,
        ...(message === undefined ? {} : { message }),
        ...(timesLeft === undefined ? {} : { times: timesLeft }),
      });
    this.accounts.maxLifetimeMs = built?.tokenLifetimeMs;
    this.store.reset();
  }
}

/** A bundled scenario's name, a scenario file's path, or `{ json }`: a scenario's JSON text. */
export type ScenarioInput = string | { readonly json: string; readonly source?: string };
