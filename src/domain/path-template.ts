/** A `{name}` placeholder: a name as OpenAPI paths, server URLs and pact provider states write it. */
const PLACEHOLDER = /\{([A-Za-z_][\w.-]*)\}/g;

/** What a placeholder matches: one path segment (`/system/tasks/{taskId}`) or any text (`a task {taskId} exists`). */
export type PlaceholderValue = 'segment' | 'text';

export interface PathTemplateOptions {
  /** Default `segment`. */
  readonly value?: PlaceholderValue;
  /** `exact` (default), `slash` (one trailing `/` is allowed) or `prefix` (the text may go on after a match). */
  readonly end?: 'exact' | 'slash' | 'prefix';
  /** Decode `%`-escapes in captured values (a malformed escape is kept as sent). Default false. */
  readonly decode?: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed %-escape is left as sent; whoever checks the value rejects it
  }
}

/**
 * A text with `{name}` placeholders, compiled once: matched against concrete text to capture the
 * values, or filled in with values. Paths of the spec, server URL templates and provider-state
 * names are all templates of this one kind.
 *
 * @example
 * const template = new PathTemplate('/system/tasks/{taskId}/runs/{runId}');
 * template.match('/system/tasks/abc/runs/def'); // { taskId: 'abc', runId: 'def' }
 * template.fill((name) => ({ taskId: 'abc', runId: 'def' })[name]); // '/system/tasks/abc/runs/def'
 */
export class PathTemplate {
  /** The placeholder names, in order. */
  readonly names: readonly string[];
  /** How many characters of the template are literal text: more literal text is a more specific template. */
  readonly literalLength: number;
  private readonly pattern: RegExp;
  private readonly decode: boolean;

  constructor(
    readonly template: string,
    options: PathTemplateOptions = {},
  ) {
    const names: string[] = [];
    const value = options.value === 'text' ? '(.+?)' : '([^/]+)';
    const source = template
      .split(/(\{[A-Za-z_][\w.-]*\})/)
      .map((part, index) => {
        if (index % 2 === 0) return escapeRegExp(part);
        names.push(part.slice(1, -1));
        return value;
      })
      .join('');
    const end = options.end === 'slash' ? '/?$' : options.end === 'prefix' ? '' : '$';
    this.pattern = new RegExp(`^${source}${end}`);
    this.names = names;
    this.literalLength = template.replace(PLACEHOLDER, '').length;
    this.decode = options.decode ?? false;
  }

  /** The values of the placeholders when `text` fits the template, else undefined. */
  match(text: string): Record<string, string> | undefined {
    const found = this.pattern.exec(text);
    return found ? this.values(found) : undefined;
  }

  /** `match`, and the text after the matched part (with `end: 'prefix'`; otherwise always ''). */
  matchWithRest(text: string): { values: Record<string, string>; rest: string } | undefined {
    const found = this.pattern.exec(text);
    return found ? { values: this.values(found), rest: text.slice(found[0].length) } : undefined;
  }

  /** The template with each placeholder replaced by `lookup(name)`; a placeholder without a value stays as written. */
  fill(lookup: (name: string) => string | undefined): string {
    return this.template.replace(PLACEHOLDER, (whole, name: string) => lookup(name) ?? whole);
  }

  private values(found: RegExpExecArray): Record<string, string> {
    const values: Record<string, string> = {};
    for (let index = 0; index < this.names.length; index++) {
      const raw = found[index + 1] ?? '';
      values[this.names[index]!] ??= this.decode ? decoded(raw) : raw;
    }
    return values;
  }
}

/**
 * A URL template split at its scheme: `https://{host}/{context}/admin` -> `https:` and
 * `{host}/{context}/admin`. Text without a scheme has an empty one.
 */
export function splitScheme(url: string): { scheme: string; rest: string } {
  const found = /^([a-z][a-z0-9+.-]*:)\/\/(.*)$/is.exec(url);
  return found ? { scheme: found[1]!, rest: found[2]! } : { scheme: '', rest: url };
}

/**
 * The path part of a server URL template, without a trailing slash.
 * @example serverPathOf('https://{host}/{context}/admin') // '/{context}/admin'
 */
export function serverPathOf(serverUrl: string): string {
  const { scheme, rest } = splitScheme(serverUrl);
  const path = scheme ? rest.slice(rest.indexOf('/') === -1 ? rest.length : rest.indexOf('/')) : rest;
  return path.replace(/\/+$/, '');
}
