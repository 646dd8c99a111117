import { runFixturesBench } from './fixtures.js';
import { runJournalBench } from './journal.js';
import { runMockBench } from './mock.js';
import { runSchedulesBench } from './schedules.js';
import { runSpecGateBench } from './spec-gate.js';
import { runStartBench } from './start.js';
import { runUiBench } from './ui.js';
import { runValidationBench } from './validation.js';
import { runVerifyBench } from './verify.js';
import { runWritesBench } from './writes.js';

/** Every benchmark `npm run bench` runs, in order. Each prints its own rows with ratios. */
export const benches: ReadonlyArray<{ name: string; run: () => Promise<void> }> = [
  { name: 'validation', run: runValidationBench },
  { name: 'fixtures', run: runFixturesBench },
  { name: 'verify', run: runVerifyBench },
  { name: 'writes', run: runWritesBench },
  { name: 'mock', run: runMockBench },
  { name: 'spec-gate', run: runSpecGateBench },
  { name: 'journal', run: runJournalBench },
  { name: 'schedules', run: runSchedulesBench },
  { name: 'start', run: runStartBench },
  { name: 'ui', run: runUiBench },
];
