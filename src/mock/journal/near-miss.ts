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
  /** Per segment: its index in the finder's literals, or -1 for a `{parameter}`. */
  readonly literalIds: readonly number[];
}

/** How far apart two things are: edits first, then characters (to choose between equally many edits). */
interface Cost {
  readonly edits: number;
  readonly chars: number;
}

const isParameter = (segment: string) => segment.startsWith('{') && segment.endsWith('}');
/** A path's segments (no leading empty one; a trailing slash keeps its empty last one). */
export const segmentsOf = (path: string) =>
  path.split('/').filter((s, i, all) => i > 0 && (s !== '' || i < all.length - 1));
const less = (a: Cost, b: Cost) => a.edits < b.edits || (a.edits === b.edits && a.chars < b.chars);
const plus = (a: Cost, edits: number, chars: number): Cost => ({ edits: a.edits + edits, chars: a.chars + chars });

function substitution(sent: string, template: string): Cost {
  if (isParameter(template)) return sent === '' ? { edits: 1, chars: 1 } : { edits: 0, chars: 0 };
  return sent === template ? { edits: 0, chars: 0 } : { edits: 1, chars: distance(sent, template) };
}

type Step = 'both' | 'extra' | 'missing';

/**
 * Aligns the segments of a path with those of a template (an edit distance over segments, a
 * `{parameter}` taking any non-empty segment) and says what differs, segment by segment. The finder
 * ranks candidates by `alignmentCost` (the same table, two rows, no alignment) and aligns the best
 * one only; test/mock/near-miss.test.ts holds the two to the same answers.
 */
export function alignPath(
  sent: readonly string[],
  template: readonly string[],
): { cost: Cost; differences: Difference[] } {
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

/** A sent path as one find aligns it: `substitution` of each segment by each literal when first asked, and the rows of the table. */
class SentPath {
  private readonly chars: Float64Array;
  /** Edits and characters of the previous and the current row, as wide as the longest template: made once per find. */
  readonly rows: Float64Array[];

  constructor(
    readonly sent: readonly string[],
    private readonly literals: readonly string[],
    width: number,
  ) {
    this.chars = new Float64Array(sent.length * literals.length).fill(-1);
    this.rows = [0, 1, 2, 3].map(() => new Float64Array(width));
  }

  /** The characters `substitution` counts for `sent[i]` against a template segment (0 when it fits). */
  charsOf(i: number, literalId: number): number {
    const sent = this.sent[i]!;
    if (literalId < 0) return sent === '' ? 1 : 0;
    const slot = i * this.literals.length + literalId;
    let chars = this.chars[slot]!;
    if (chars < 0) {
      chars = substitution(sent, this.literals[literalId]!).chars;
      this.chars[slot] = chars;
    }
    return chars;
  }

  /** The edits `substitution` counts (1 or 0). */
  editsOf(i: number, literalId: number): number {
    const sent = this.sent[i]!;
    if (literalId < 0) return sent === '' ? 1 : 0;
    return sent === this.literals[literalId] ? 0 : 1;
  }
}

/** The cost `alignPath` finds, without the alignment: two rows of the table instead of all of it. */
function alignmentCost(sentPath: SentPath, candidate: Candidate): Cost {
  const { sent } = sentPath;
  const { segments, literalIds } = candidate;
  const width = segments.length + 1;
  let [previousEdits, previousChars, edits, chars] = sentPath.rows as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  previousEdits[0] = 0;
  previousChars[0] = 0;
  for (let j = 1; j < width; j++) {
    previousEdits[j] = previousEdits[j - 1]! + 1;
    previousChars[j] = previousChars[j - 1]! + segments[j - 1]!.length;
  }
  for (let i = 1; i <= sent.length; i++) {
    edits[0] = previousEdits[0]! + 1;
    chars[0] = previousChars[0]! + sent[i - 1]!.length;
    for (let j = 1; j < width; j++) {
      let bestEdits = previousEdits[j - 1]! + sentPath.editsOf(i - 1, literalIds[j - 1]!);
      let bestChars = previousChars[j - 1]! + sentPath.charsOf(i - 1, literalIds[j - 1]!);
      const extraEdits = previousEdits[j]! + 1;
      const extraChars = previousChars[j]! + sent[i - 1]!.length;
      if (extraEdits < bestEdits || (extraEdits === bestEdits && extraChars < bestChars)) {
        bestEdits = extraEdits;
        bestChars = extraChars;
      }
      const missingEdits = edits[j - 1]! + 1;
      const missingChars = chars[j - 1]! + segments[j - 1]!.length;
      if (missingEdits < bestEdits || (missingEdits === bestEdits && missingChars < bestChars)) {
        bestEdits = missingEdits;
        bestChars = missingChars;
      }
      edits[j] = bestEdits;
      chars[j] = bestChars;
    }
    [previousEdits, edits] = [edits, previousEdits];
    [previousChars, chars] = [chars, previousChars];
  }
  return { edits: previousEdits[width - 1]!, chars: previousChars[width - 1]! };
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
  /** Every literal segment of the templates, once: a sent segment's distance to each is computed once per find. */
  private readonly literals: readonly string[];
  /** The table's width for the longest template. */
  private readonly width: number;

  constructor(routes: readonly OperationRoute[]) {
    const literalIds = new Map<string, number>();
    this.candidates = routes.map((route) => {
      const segments = segmentsOf(route.path);
      const ids = segments.map((segment) => {
        if (isParameter(segment)) return -1;
        let id = literalIds.get(segment);
        if (id === undefined) {
          id = literalIds.size;
          literalIds.set(segment, id);
        }
        return id;
      });
      return { ...route, segments, literalIds: ids };
    });
    this.literals = [...literalIds.keys()];
    this.width = Math.max(1, ...this.candidates.map((c) => c.segments.length + 1));
  }

  find(method: string, path: string, reasons: readonly Difference[]): NearMiss | null {
    const sent = segmentsOf(path);
    const asRouted = method === 'HEAD' ? 'GET' : method;
    const sentPath = new SentPath(sent, this.literals, this.width);
    let best: { candidate: Candidate; cost: Cost } | undefined;
    for (const candidate of this.candidates) {
      const methodEdits = candidate.method !== asRouted ? 1 : 0;
      // each segment one path has more than the other is an edit: a candidate past the best by that alone is out
      const fewestEdits = Math.abs(sent.length - candidate.segments.length) + methodEdits;
      if (best && fewestEdits > best.cost.edits) continue;
      const cost = plus(alignmentCost(sentPath, candidate), methodEdits, 0);
      if (best && !less(cost, best.cost)) continue;
      best = { candidate, cost };
    }
    if (!best) return null;
    const { operationId, method: operationMethod, path: template, segments } = best.candidate;
    const differences = alignPath(sent, segments).differences;
    if (operationMethod !== asRouted) {
      differences.push({
        what: 'method',
        expected: operationMethod,
        actual: method,
        message: `the method is ${method}, the operation takes ${operationMethod}`,
      });
    }
    return { operationId, method: operationMethod, path: template, differences: [...differences, ...reasons] };
  }
}
