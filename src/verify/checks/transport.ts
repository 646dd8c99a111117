import type { ExchangeCheck } from './types.js';

/** Connection faults (refused, reset, timeout, TLS, DNS) and bodies that are not the JSON asked for. */
export const transportCheck: ExchangeCheck = {
  name: 'transport',
  description: 'the request got a complete answer, and JSON where JSON was asked for',
  scope: 'exchange',
  appliesTo: () => true,
  run({ exchange }) {
    const fault = exchange.fault;
    if (!fault) return [];
    return [{ message: fault.message, expected: 'a complete answer', actual: fault.kind }];
  },
};
