import type { Params } from '../params.js';
import type { TestDouble } from '../test-double.js';
import { MockClock } from '../time/clock.js';
import { answer, type ControlAnswer, flag, refused } from './answer.js';

const FIELDS = new Set(['set', 'advance', 'freeze', 'resume', 'f']);

/**
 * `GET /__mock/clock`: `{now, epochMs, frozen}`. `POST /__mock/clock` with `set=<ISO instant>`,
 * `advance=<ISO duration>`, `freeze` or `resume` (set, then advance, then freeze or resume, when
 * several are sent): every field is checked before the clock moves, and the schedules catch up.
 */
export function clockControl(double: TestDouble, method: string, params: Params): ControlAnswer {
  if (method === 'GET') return answer(double.clock.read());
  const unknown = [...params.keys()].find((name) => !FIELDS.has(name));
  if (unknown !== undefined)
    return refused('move the clock', `Unknown field '${unknown}': send set, advance, freeze or resume.`);
  const set = params.get('set');
  const advance = params.get('advance');
  let freeze: boolean;
  let resume: boolean;
  try {
    freeze = flag(params.get('freeze'), 'freeze');
    resume = flag(params.get('resume'), 'resume');
    if (freeze && resume) throw new RangeError('send freeze or resume, not both');
    if (set === undefined && advance === undefined && !freeze && !resume)
      throw new RangeError('send set=<ISO instant>, advance=<ISO duration>, freeze or resume');
    // tried on a scratch clock first: a bad advance must not leave a set applied
    const scratch = new MockClock(set ?? double.clock.now());
    if (advance !== undefined) scratch.advance(advance);
  } catch (error) {
    return refused('move the clock', `${(error as Error).message}.`);
  }
  if (set !== undefined) double.clock.set(set);
  if (advance !== undefined) double.clock.advance(advance);
  if (freeze) double.clock.freeze();
  if (resume) double.clock.resume();
  return answer(double.clock.read());
}
