import { distance } from 'fastest-levenshtein';
import type { Difference, NearMiss } from './recorded-request.js';

/** An operation as a client must call it: method and full path template. */
export interface OperationRoute {
  readonly operationId: string;
  /** Upper case. */
  readonly method: string;
  /** The full path template, e.g. `/arcgis/admin/system/tasks/{taskId}`. */
  readonly path: string;
}

interface Candidate extends OperationRoute {
  readonly segments: readonly string[];
}

/** How far apart two things are: edits first, then characters (to choose between equally many edits). */
interface Cost {
  readonly edits: number;
  readonly chars: number;
}

const isParameter = (segment: string) => segment.startsWith('{') && segment.endsWith('}');
const segmentsOf = (path: string) => path.split('/').filter((s, i, all) => i > 0 && (s !== '' || i < all.length - 1));
const less = (a: Cost, b: Cost) => a.edits < b.edits || (a.edits === b.edits && a.chars < b.chars);
const plus = (a: Cost, edits: number, chars: number): Cost => ({ edits: a.edits + edits, chars: a.chars + chars });

function substitution(sent: string, template: string): Cost {
  if (isParameter(template)) return sent === '' ? { edits: 1, chars: 1 } : { edits: 0, chars: 0 };
  return sent === template ? { edits: 0, chars: 0 } : { edits: 1, chars: distance(sent, template) };
}

type Step = 'both' | 'extra' | 'missing';

/**
 * Aligns the segments of a path with those of a template (an edit distance over segments, a
 * `{parameter}` taking any non-empty segment) and says what differs, segment by segment.
 */
function alignPath(sent: readonly string[], template: readonly string[]): { cost: Cost; differences: Difference[] } {
  const cost: Cost[][] = [];
  const step: Step[][] = [];
  for (let i = 0; i <= sent.length; i++) {
    cost.push([]);
    step.push([]);
    for (let j = 0; j <= template.length; j++) {
      let best: Cost = { edits: 0, chars: 0 };
      let how: Step = 'both';
      if (i > 0 && j > 0) {
        const swap = substitution(sent[i - 1]!, template[j - 1]!);
        best = plus(cost[i - 1]![j - 1]!, swap.edits, swap.chars);
      }
      if (i > 0) {
        const extra = plus(cost[i - 1]![j]!, 1, sent[i - 1]!.length);
        if (j === 0 || less(extra, best)) [best, how] = [extra, 'extra'];
      }
      if (j > 0) {
        const missing = plus(cost[i]![j - 1]!, 1, template[j - 1]!.length);
        if (i === 0 || less(missing, best)) [best, how] = [missing, 'missing'];
      }
      cost[i]!.push(best);
      step[i]!.push(how);
    }
  }
  const differences: Difference[] = [];
  for (let i = sent.length, j = template.length; i > 0 || j > 0; ) {
    const how = step[i]![j]!;
    const actual = sent[i - 1] ?? '';
    const expected = template[j - 1] ?? '';
    if (how === 'both') {
      if (substitution(actual, expected).edits > 0) {
        const message = `path segment ${i} is "${actual}", the operation has "${expected}"`;
        differences.push({ what: 'path', expected, actual, message });
      }
      i--;
      j--;
    } else if (how === 'extra') {
      differences.push({
        what: 'path',
        expected: '',
        actual,
        message: `path segment ${i} "${actual}" is one too many`,
      });
      i--;
    } else {
      const message = `the path lacks the segment "${expected}" after segment ${i}`;
      differences.push({ what: 'path', expected, actual: '', message });
      j--;
    }
  }
  return { cost: cost[sent.length]![template.length]!, differences: differences.reverse() };
}

/**
 * Finds, for a request no operation took, the operation it came closest to and what differed:
 * the path segment by segment, the method, and the reasons the pipeline gave (no token, a wrong
 * `f`, ...). Computed only for unmatched requests, so it costs nothing on the hot path.
 *
 * @example
 * const finder = new NearMissFinder([{ operationId: 'disableTask', method: 'POST', path: '/arcgis/admin/system/tasks/{taskId}/disable' }]);
 * finder.find('GET', '/arcgis/admin/system/tasks/abc/disabel', []);
 * // { operationId: 'disableTask', differences: [path segment 6 "disabel" vs "disable", method GET vs POST] }
 */
export class NearMissFinder {
  private readonly candidates: readonly Candidate[];

  constructor(routes: readonly OperationRoute[]) {
    this.candidates = routes.map((route) => ({ ...route, segments: segmentsOf(route.path) }));
  }

  find(method: string, path: string, reasons: readonly Difference[]): NearMiss | null {
    const sent = segmentsOf(path);
    const asRouted = method === 'HEAD' ? 'GET' : method;
    let best: { candidate: Candidate; cost: Cost; differences: Difference[] } | undefined;
    for (const candidate of this.candidates) {
      const aligned = alignPath(sent, candidate.segments);
      const methodDiffers = candidate.method !== asRouted;
      const cost = plus(aligned.cost, methodDiffers ? 1 : 0, 0);
      if (best && !less(cost, best.cost)) continue;
      const differences = methodDiffers
        ? [
            ...aligned.differences,
            {
              what: 'method' as const,
              expected: candidate.method,
              actual: method,
              message: `the method is ${method}, the operation takes ${candidate.method}`,
            },
          ]
        : aligned.differences;
      best = { candidate, cost, differences };
    }
    if (!best) return null;
    const { operationId, method: operationMethod, path: template } = best.candidate;
    return { operationId, method: operationMethod, path: template, differences: [...best.differences, ...reasons] };
  }
}
