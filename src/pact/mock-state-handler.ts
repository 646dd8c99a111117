import type { Transport } from '../http/transport.js';
import type { PactInteraction } from './model.js';
import { resolveStates, type StatesFile, stateDocuments } from './provider-states.js';
import { ProviderUnreachableError, type StateHandler } from './replay.js';

/**
 * Sets up provider states on the embedded mock through its control endpoints: `POST /__mock/reset`
 * (back to the seeded data), then `POST /__mock/tasks` (form fields `task` and `runs`, as JSON) with
 * each task the state needs and its runs.
 * Against a provider without those endpoints (a real server) it warns once and sets up nothing.
 *
 * @example
 * const transport = new Transport({ timeoutMs: 10_000, maxSockets: 1 });
 * const states = new MockStateHandler(await readStatesFile(), mock.url, transport);
 * await replayPacts(pacts, { baseUrl: mock.url, token, states, transport });
 */
export class MockStateHandler implements StateHandler {
  private unsupported = false;

  constructor(
    private readonly file: StatesFile,
    /** The provider's root, where `/__mock/...` lives (e.g. http://127.0.0.1:4010). */
    private readonly root: string,
    /** The transport the interactions are replayed over (its timeout and body cap apply here too). */
    private readonly transport: Transport,
  ) {}

  async setUp(
    interaction: PactInteraction,
  ): Promise<{ values: Readonly<Record<string, unknown>>; warnings: readonly string[] }> {
    const warnings: string[] = [];
    const resolved = resolveStates(this.file, interaction.providerStates);
    resolved.forEach((state, i) => {
      if (!state)
        warnings.push(
          `provider state "${interaction.providerStates[i]!.name}" is not in the states file; nothing was set up for it`,
        );
    });
    const values = Object.assign({}, ...resolved.map((s) => s?.values ?? {})) as Record<string, unknown>;
    if (this.unsupported) return { values, warnings };
    const reset = await this.post('/__mock/reset', {});
    if (reset.status === 404 || reset.status === 405) {
      this.unsupported = true;
      return {
        values,
        warnings: [...warnings, 'the provider has no /__mock control endpoints, so provider states were not set up'],
      };
    }
    for (const state of resolved) {
      for (const document of state ? stateDocuments(state) : []) {
        const put = await this.post('/__mock/tasks', {
          task: JSON.stringify(document.task),
          runs: JSON.stringify(document.runs),
        });
        const answer = put.json as { status?: string; error?: { details?: string[] } } | undefined;
        if (answer?.status !== 'success') {
          throw new Error(
            `POST /__mock/tasks refused state "${state!.state}": ${answer?.error?.details?.join('; ') ?? `HTTP ${put.status}`}`,
          );
        }
      }
    }
    return { values, warnings };
  }

  /** A form POST to a control endpoint; a provider that does not answer is `ProviderUnreachableError`. */
  private async post(path: string, form: Record<string, string>): Promise<{ status: number; json: unknown }> {
    const exchange = await this.transport.send({
      method: 'POST',
      url: `${this.root}${path}`,
      query: {},
      form,
      auth: 'none',
    });
    if (!exchange.response) throw new ProviderUnreachableError(exchange.fault?.message ?? 'no response');
    return { status: exchange.response.status, json: exchange.json };
  }
}
