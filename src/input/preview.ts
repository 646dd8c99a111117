/**
 * A short JSON preview of a value for a diagnostic (`{"a":{"a":...`), built without recursion
 * into the whole value: it stops once `maxChars` are written, so a value nested thousands deep
 * (JSON.stringify would overflow the stack) costs at most about `maxChars` steps.
 *
 * @example previewJson({ a: [1, 2] }, 60) // '{"a":[1,2]}'
 */
export function previewJson(value: unknown, maxChars = 60): string {
  let out = '';
  // a stack of what is left to write: values, or literal text (closing brackets, commas)
  const stack: ({ text: string } | { value: unknown; key?: string })[] = [{ value }];
  while (stack.length > 0 && out.length <= maxChars) {
    const next = stack.pop()!;
    if ('text' in next) {
      out += next.text;
      continue;
    }
    if (next.key !== undefined) out += `${JSON.stringify(next.key)}:`;
    const v = next.value;
    if (v === null || typeof v !== 'object') {
      out += v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : JSON.stringify(v);
      continue;
    }
    const isList = Array.isArray(v);
    out += isList ? '[' : '{';
    stack.push({ text: isList ? ']' : '}' });
    const entries = isList
      ? (v as unknown[]).map((item) => [undefined, item] as const)
      : Object.entries(v).filter(([, item]) => item !== undefined && typeof item !== 'function');
    // pushed in reverse, so they pop in order; only as many as could still fit
    const fit = Math.min(entries.length, maxChars);
    for (let i = fit - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      stack.push(key === undefined ? { value: item } : { value: item, key });
      if (i > 0) stack.push({ text: ',' });
    }
  }
  return out.length > maxChars ? `${out.slice(0, maxChars - 3)}...` : out;
}
