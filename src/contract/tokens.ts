import type { OpenAPIV3_1 } from 'openapi-types';

/** Where a request carries the token: how the mock's journal and the matchers name it. */
export type TokenTransport = 'form' | 'query' | 'x-esri-authorization' | 'authorization' | 'none';

/** One place a token travels, read from the spec's `securitySchemes`. */
export type TokenPlacement =
  | { readonly in: 'query' | 'form'; readonly name: string; readonly transport: 'query' | 'form' }
  | {
      readonly in: 'header';
      /** Lower case, as node gives header names. */
      readonly name: string;
      /** What precedes the token in the header's value (`Bearer `). */
      readonly prefix: string;
      readonly transport: 'x-esri-authorization' | 'authorization';
    };

/** What a request offers to look for a token in. `form` is the body alone; `query` the query string alone. */
export interface TokenSources {
  readonly query: (name: string) => string | undefined;
  readonly form: (name: string) => string | undefined;
  readonly header: (lowerCaseName: string) => string | undefined;
}

/**
 * Where this API's tokens travel, in the order ArcGIS looks: the token parameter (the form body
 * wins over the query string), then each header scheme in the order of the spec's `security`.
 *
 * @example
 * contract.tokens.find({ query: (n) => url.searchParams.get(n) ?? undefined, form: () => undefined, header: () => undefined });
 * // { token: 't0k3n', transport: 'query' }
 */
export class TokenPlacements {
  /** The query and form parameter's name (`token`). */
  readonly parameter: string;
  /** The header placements, lower-case names (`x-esri-authorization`, `authorization`). */
  readonly headers: readonly Extract<TokenPlacement, { in: 'header' }>[];

  constructor(readonly placements: readonly TokenPlacement[]) {
    this.parameter = placements.find((p) => p.in === 'query')?.name ?? 'token';
    this.headers = placements.filter((p): p is Extract<TokenPlacement, { in: 'header' }> => p.in === 'header');
  }

  /** True for the token's query or form parameter. */
  isParameter(name: string): boolean {
    return name === this.parameter;
  }

  /** True for a header that carries the token (any case). */
  isHeader(name: string): boolean {
    const lower = name.toLowerCase();
    return this.headers.some((h) => h.name === lower);
  }

  /** The header's value for a token (`Bearer <token>`). */
  headerValue(name: string, token: string): string {
    const lower = name.toLowerCase();
    return `${this.headers.find((h) => h.name === lower)?.prefix ?? ''}${token}`;
  }

  /** The token a request carries and where it came from; `none` when it carries none. */
  find(sources: TokenSources): { readonly token: string | undefined; readonly transport: TokenTransport } {
    for (const placement of this.placements) {
      if (placement.in !== 'header') {
        const value = sources[placement.in](placement.name);
        if (value) return { token: value, transport: placement.transport };
        continue;
      }
      const value = sources.header(placement.name);
      const prefix = placement.prefix;
      if (value === undefined || value.length <= prefix.length) continue;
      if (value.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) continue;
      const token = value.slice(prefix.length).trim();
      if (token) return { token, transport: placement.transport };
    }
    return { token: undefined, transport: 'none' };
  }
}

/**
 * The bundled spec's placements, for tools that run without a contract at hand (a transport, the
 * pact stub and replay); a test keeps them equal to what `tokenPlacementsOf` reads from the spec.
 */
export const DEFAULT_TOKENS = new TokenPlacements([
  { in: 'form', name: 'token', transport: 'form' },
  { in: 'query', name: 'token', transport: 'query' },
  { in: 'header', name: 'x-esri-authorization', prefix: 'Bearer ', transport: 'x-esri-authorization' },
  { in: 'header', name: 'authorization', prefix: 'Bearer ', transport: 'authorization' },
]);

type Schemes = Record<string, OpenAPIV3_1.SecuritySchemeObject>;

/**
 * The placements of a dereferenced document: its `security` alternatives in order, each scheme read
 * from `securitySchemes`. An `apiKey` in the query also travels in the form body of POST operations
 * (OpenAPI has no scheme for a token in a body; the form's own schema lists it). An `apiKey` header
 * and an `http` bearer scheme carry `Bearer <token>`, as ArcGIS reads them.
 */
export function tokenPlacementsOf(document: OpenAPIV3_1.Document): TokenPlacements {
  const schemes = (document.components?.securitySchemes ?? {}) as Schemes;
  const order = [
    ...(document.security ?? []).flatMap((alternative) => Object.keys(alternative)),
    ...Object.keys(schemes),
  ].filter((name, index, all) => all.indexOf(name) === index);
  const placements: TokenPlacement[] = [];
  for (const name of order) {
    const scheme = schemes[name];
    if (!scheme) continue;
    if (scheme.type === 'apiKey' && scheme.in === 'query') {
      // the form body wins over the query string, as ArcGIS reads its parameters
      placements.unshift({ in: 'query', name: scheme.name, transport: 'query' });
      placements.unshift({ in: 'form', name: scheme.name, transport: 'form' });
    } else if (scheme.type === 'apiKey' && scheme.in === 'header') {
      const header = scheme.name.toLowerCase();
      if (header === 'x-esri-authorization' || header === 'authorization')
        placements.push({ in: 'header', name: header, prefix: 'Bearer ', transport: header });
    } else if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') {
      placements.push({ in: 'header', name: 'authorization', prefix: 'Bearer ', transport: 'authorization' });
    }
  }
  return new TokenPlacements(placements);
}
