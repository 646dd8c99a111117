import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadContractCached } from '../../src/contract/load.js';
import { alignPath, NearMissFinder, segmentsOf } from '../../src/mock/journal/near-miss.js';
import type { Difference, NearMiss } from '../../src/mock/journal/recorded-request.js';
import { Router } from '../../src/mock/router.js';

// The finder ranks every operation by a cheap cost (two rows of the alignment table, candidates past
// the best skipped) and aligns only the winner. Here it must give what ranking by the full alignment
// gives: the first operation of least cost (edits, then characters), with the same differences.

const contract = await loadContractCached();
const routes = new Router('arcgis', contract.operations, contract.layout).operationRoutes;
const finder = new NearMissFinder(routes);
const REASON: Difference = { what: 'token', expected: 'a token', actual: '', message: 'no token' };

function byFullAlignment(method: string, path: string): NearMiss | null {
  const sent = segmentsOf(path);
  const asRouted = method === 'HEAD' ? 'GET' : method;
  let best: { route: (typeof routes)[number]; edits: number; chars: number; differences: Difference[] } | undefined;
  for (const route of routes) {
    const { cost, differences } = alignPath(sent, segmentsOf(route.path));
    const methodEdits = route.method === asRouted ? 0 : 1;
    const edits = cost.edits + methodEdits;
    if (best && (edits > best.edits || (edits === best.edits && cost.chars >= best.chars))) continue;
    if (methodEdits)
      differences.push({
        what: 'method',
        expected: route.method,
        actual: method,
        message: `the method is ${method}, the operation takes ${route.method}`,
      });
    best = { route, edits, chars: cost.chars, differences };
  }
  if (!best) return null;
  const { operationId, method: operationMethod, path: template } = best.route;
  return { operationId, method: operationMethod, path: template, differences: [...best.differences, REASON] };
}

/** A path near one of the routes: its segments kept, filled, misspelt, dropped, doubled or emptied. */
const nearPath = fc
  .tuple(
    fc.constantFrom(...routes.map((route) => segmentsOf(route.path))),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('keep', 'fill', 'typo', 'drop', 'double', 'empty')), { maxLength: 4 }),
    fc.stringMatching(/^[a-z0-9]{1,8}$/),
  )
  .map(([segments, edits, word]) => {
    const sent = segments.map((segment) => (segment.startsWith('{') ? word : segment));
    for (const [at, edit] of edits) {
      const i = at % (sent.length + 1);
      if (edit === 'typo' && sent[i]) sent[i] = `${sent[i]!.slice(1)}${sent[i]![0]}x`;
      if (edit === 'fill') sent.splice(i, 0, word);
      if (edit === 'drop') sent.splice(i, 1);
      if (edit === 'double' && sent[i] !== undefined) sent.splice(i, 0, sent[i]!);
      if (edit === 'empty') sent.splice(i, 0, '');
    }
    return `/${sent.join('/')}`;
  });

describe('NearMissFinder', () => {
  it('finds what ranking every operation by the full alignment finds', () => {
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'), nearPath, (method, path) => {
        expect(finder.find(method, path, [REASON])).toEqual(byFullAlignment(method, path));
      }),
      { numRuns: 2_000, seed: 19 },
    );
  });
});
