// The embedded mock server and the Prism launcher.

export type { ErrorStatusMode, MockFailure } from './failure.js';
export { seedFixtures } from './fixture-source.js';
export type { ResponseFormat } from './format.js';
export type { MockOptions } from './options.js';
export { LIMITS } from './options.js';
export {
  freePort,
  PRISM_PACKAGE,
  PrismNotInstalledError,
  type PrismOptions,
  prismCliPath,
  type RunningPrism,
  startPrism,
} from './prism/prism-launcher.js';
export { prismSpec } from './prism/prism-spec.js';
export { MAX_BODY_BYTES } from './request-body.js';
export { createMockServer, mockReady } from './server.js';
export { type RunningMock, startMockServer } from './start.js';
export { FAULTS, type Fault as PreferFault, MAX_DELAY_MS, parsePrefer, type Steering } from './steering.js';
