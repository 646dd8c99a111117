/** One step of a pact path expression: a field, an index, or `*` (any field or index). */
export type PathToken =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'star' };

const cache = new Map<string, PathToken[] | undefined>();

/** Parses `$.result[*].taskId`, `$['odd key']`, `$.a.*`; undefined when the expression is malformed. */
export function parsePathExpression(expression: string): PathToken[] | undefined {
  if (cache.has(expression)) return cache.get(expression);
  const tokens: PathToken[] = [];
  let rest = expression.trim();
  let ok = rest.startsWith('$');
  rest = rest.slice(1);
  while (ok && rest.length > 0) {
    const found =
      /^\.\*/.exec(rest) ??
      /^\[\*\]/.exec(rest) ??
      /^\.([^.[\]]+)/.exec(rest) ??
      /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest) ??
      /^\[(\d+)\]/.exec(rest);
    if (!found) {
      ok = false;
      break;
    }
    const [text, captured] = found;
    if (text === '.*' || text === '[*]') tokens.push({ kind: 'star' });
    else if (/^\[\d+\]$/.test(text)) tokens.push({ kind: 'index', index: Number(captured) });
    else tokens.push({ kind: 'field', name: captured!.replace(/\\(.)/g, '$1') });
    rest = rest.slice(text.length);
  }
  const result = ok ? tokens : undefined;
  cache.set(expression, result);
  return result;
}

/**
 * How specifically an expression names a path: 0 when it does not match; otherwise higher for
 * exact names and indexes (2 each) than for `*` (1 each), so the most specific rule wins.
 */
export function matchWeight(tokens: readonly PathToken[], path: readonly (string | number)[]): number {
  if (tokens.length !== path.length) return 0;
  let weight = 1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const step = path[i]!;
    if (token.kind === 'star') weight *= 1;
    else if (token.kind === 'field' && token.name === String(step)) weight *= 2;
    else if (token.kind === 'index' && token.index === step) weight *= 2;
    else return 0;
  }
  return weight;
}

/** A value path as a JSON pointer (`['result', 0, 'taskId']` -> `/result/0/taskId`). */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
