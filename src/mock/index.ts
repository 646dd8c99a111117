// The embedded mock server and the Prism launcher.
export { createMockServer, mockReady } from './server.js';
export { startMockServer, type RunningMock } from './start.js';
export type { MockOptions } from './options.js';
export { LIMITS } from './options.js';
export { MAX_BODY_BYTES } from './request-body.js';
export { parsePrefer, FAULTS, MAX_DELAY_MS, type Fault, type Steering } from './steering.js';
export type { ErrorStatusMode, MockFailure } from './failure.js';
export type { ResponseFormat } from './format.js';
export { startPrism, prismCliPath, freePort, type PrismOptions, type RunningPrism } from './prism/prism-launcher.js';
export { prismSpec } from './prism/prism-spec.js';
export { seedFixtures } from './fixture-source.js';
