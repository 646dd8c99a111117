import { failure, type MockFailure } from '../failure.js';

/** What a control endpoint answers: a JSON body (HTTP 200), or a refusal rendered as an ArcGIS error envelope. */
export type ControlAnswer = { readonly kind: 'answer'; readonly body: unknown } | MockFailure;

export const answer = (body: unknown): ControlAnswer => ({ kind: 'answer', body });

/** A 400 whose details say what to send instead; the mock's state is left as it was. */
export const refused = (operation: string, detail: string): MockFailure =>
  failure(400, `Unable to ${operation}.`, [detail]);

/** A form flag such as `freeze`: present (empty, `true` or `1`) or absent; anything else is an error. */
export function flag(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  if (value === '' || value === 'true' || value === '1') return true;
  throw new RangeError(`${name} is a flag: send ${name}, ${name}=true or leave it out`);
}
