/** The `f` parameter: `html` (the documented default), `json`, or `pjson` (pretty-printed JSON). */
export type ResponseFormat = 'html' | 'json' | 'pjson';

/** The format asked for, `html` when `f` is absent or empty, undefined when it is not one of the three. */
export function responseFormat(f: string | undefined): ResponseFormat | undefined {
  if (f === 'json' || f === 'pjson' || f === 'html') return f;
  if (f === undefined || f === '') return 'html';
  const lower = f.toLowerCase();
  return lower === 'json' || lower === 'pjson' || lower === 'html' ? lower : undefined;
}
