import type { FormValidators } from '../form-input.js';
import type { RequestJournal } from '../journal/journal.js';
import type { Params } from '../params.js';
import type { MockStore } from '../store.js';
import type { TestDouble } from '../test-double.js';
import { answer, type ControlAnswer, refused } from './answer.js';
import { clockControl } from './clock.js';
import { outcomesControl } from './outcomes.js';
import { putTaskFromForm } from './put-task.js';
import { answerRequestsControl, type RequestsControlName } from './requests.js';
import { scenarioControl } from './scenario.js';

/** What the control endpoints work on; built once when the server starts. */
export interface ControlServices {
  readonly double: TestDouble;
  readonly journal: RequestJournal;
  readonly store: MockStore;
  readonly validators: FormValidators;
  /** Back to the start (`POST /__mock/reset`), chaos streams included. */
  readonly reset: () => void;
  readonly stateDump: () => unknown;
}

/** One control endpoint: the form (query and body together), the method it was called with. */
export type ControlEndpoint = (
  services: ControlServices,
  params: Params,
  method: string,
) => ControlAnswer | string | Promise<ControlAnswer>;

const SUCCESS = { status: 'success' } as const;

/** A control endpoint that takes no field but `f`: anything else is refused, so a typo is seen. */
const noFields =
  (operation: string, endpoint: ControlEndpoint): ControlEndpoint =>
  (services, params, method) => {
    const extra = [...params.keys()].find((name) => name !== 'f');
    return extra === undefined ? endpoint(services, params, method) : refused(operation, `Unknown field '${extra}'.`);
  };

const requests =
  (name: RequestsControlName): ControlEndpoint =>
  (services, params) =>
    answerRequestsControl(name, params, services.journal);

/**
 * Every control endpoint of the mock (`/__mock/*`), by path and method: the router and the dispatch
 * stage read only this table. None of them is journaled, and none is reachable from another origin.
 */
export const CONTROL_TABLE: Readonly<Record<string, Readonly<Record<string, ControlEndpoint>>>> = {
  '/__mock/reset': {
    POST: noFields('reset the mock', (services) => {
      services.reset();
      return answer(SUCCESS);
    }),
  },
  '/__mock/state': { GET: noFields('read the state', (services) => answer(services.stateDump())) },
  '/__mock/tasks': {
    POST: async (services, params) =>
      (await putTaskFromForm(params, services.store, services.validators)) ?? answer(SUCCESS),
  },
  '/__mock/requests': { GET: requests('requests'), DELETE: requests('clear-requests') },
  '/__mock/requests/count': { GET: requests('count-requests') },
  '/__mock/clock': {
    GET: (services, params, method) => clockControl(services.double, method, params),
    POST: (services, params, method) => clockControl(services.double, method, params),
  },
  '/__mock/outcomes': {
    GET: (services, params, method) => outcomesControl(services.double, method, params),
    POST: (services, params, method) => outcomesControl(services.double, method, params),
    DELETE: (services, params, method) => outcomesControl(services.double, method, params),
  },
  '/__mock/scenario': { POST: (services, params) => scenarioControl(services.double, params) },
};
