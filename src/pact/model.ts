/** One matcher of a matching rule, as pact files write it (`{"match": "type", "min": 1}`, `{"match": "regex", "regex": "..."}`). */
export interface Matcher {
  readonly match: string;
  readonly [option: string]: unknown;
}

/** The matchers that apply at one path expression (`$.result[*].taskId`), combined with AND or OR. */
export interface MatchingRule {
  readonly path: string;
  readonly matchers: readonly Matcher[];
  readonly combine: 'AND' | 'OR';
}

/** Matching rules by category: body, header, query, path, status. */
export interface RuleSet {
  readonly body: readonly MatchingRule[];
  readonly header: readonly MatchingRule[];
  readonly query: readonly MatchingRule[];
  readonly path: readonly MatchingRule[];
  readonly status: readonly MatchingRule[];
}

export interface ProviderState {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface PactRequest {
  readonly method: string;
  readonly path: string;
  /** Query parameters, each with all its values. */
  readonly query: Readonly<Record<string, readonly string[]>>;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed body: JSON value, form fields (`Record<string, string>`) for form bodies, text otherwise. */
  readonly body: unknown;
  readonly contentType: string | undefined;
  readonly rules: RuleSet;
  /** Generators by category and path (`{"path": {"$": {"type": "ProviderState", "expression": "..."}}}`). */
  readonly generators: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
}

export interface PactResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly contentType: string | undefined;
  readonly rules: RuleSet;
  readonly generators: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
}

export interface PactInteraction {
  readonly description: string;
  readonly providerStates: readonly ProviderState[];
  readonly request: PactRequest;
  readonly response: PactResponse;
  /** v4 `pending`: a failure is reported but does not fail the run. */
  readonly pending: boolean;
}

/** A pact file, whatever its specification version, normalized. */
export interface Pact {
  readonly file: string;
  readonly consumer: string;
  readonly provider: string;
  /** "2.0.0", "3.0.0" or "4.0". */
  readonly specification: string;
  readonly interactions: readonly PactInteraction[];
  /** Interactions that are not synchronous HTTP (v4 messages), named; they are not checked. */
  readonly skipped: readonly string[];
}
