import { isDeepStrictEqual } from 'node:util';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { RuleDefinition } from '../change.js';
import { type OperationPair, operationSite } from '../operation-pair.js';
import { rule } from './define.js';

/** Security requirements: who may call, and how the credentials travel. */
export const SECURITY_RULES: readonly RuleDefinition[] = [
  rule('api-security-added', 'security', 'breaking-for-clients', 'an operation that needed no credentials now does', {
    oasdiff: 'api-security-added',
  }),
  rule(
    'api-security-removed',
    'security',
    'breaking-for-servers',
    'an operation no longer needs credentials (servers that demand them no longer conform; check this is meant)',
    { oasdiff: 'api-security-removed' },
  ),
  rule(
    'api-security-alternative-removed',
    'security',
    'breaking-for-clients',
    'a way to authenticate is no longer accepted',
  ),
  rule(
    'api-security-alternative-added',
    'security',
    'breaking-for-servers',
    'a new way to authenticate is accepted: servers must accept it',
  ),
  rule(
    'api-security-scheme-changed',
    'security',
    'breaking-for-clients',
    'a security scheme changed how credentials travel (type, location, name or scheme)',
  ),
  rule('api-security-scope-added', 'security', 'breaking-for-clients', 'a security requirement needs another scope'),
  rule('api-security-scope-removed', 'security', 'breaking-for-servers', 'a security requirement needs fewer scopes', {
    severity: 'info',
  }),
];

type Requirement = OpenAPIV3_1.SecurityRequirementObject;

function keyOf(requirement: Requirement): string {
  return Object.keys(requirement).sort().join(' + ');
}

/** True when the operation may be called without credentials (no requirement, or an empty one `{}`). */
function anonymous(security: readonly Requirement[]): boolean {
  return security.length === 0 || security.some((r) => Object.keys(r).length === 0);
}

function scheme(document: OpenAPIV3_1.Document, name: string): unknown {
  const found = document.components?.securitySchemes?.[name] as Record<string, unknown> | undefined;
  if (!found) return undefined;
  // what decides how credentials travel; descriptions may change freely
  const { description: _description, ...rest } = found;
  return rest;
}

/** Compares the security requirements of one operation in OLD and NEW, and the schemes they name. */
export function diffSecurity(pair: OperationPair): void {
  const before = pair.old.security;
  const after = pair.new.security;
  const site = (location: string) => operationSite(pair.new, `${pair.new.operationId} security`, location);
  if (anonymous(before) && !anonymous(after)) {
    pair.collector.emit(
      'api-security-added',
      site('security'),
      `credentials now required (${after.map(keyOf).join(' or ')})`,
    );
    return;
  }
  if (!anonymous(before) && anonymous(after)) {
    pair.collector.emit('api-security-removed', site('security'), 'credentials no longer required');
    return;
  }
  const oldAlternatives = new Map(before.filter((r) => Object.keys(r).length > 0).map((r) => [keyOf(r), r]));
  const newAlternatives = new Map(after.filter((r) => Object.keys(r).length > 0).map((r) => [keyOf(r), r]));
  for (const [key, requirement] of oldAlternatives) {
    const match = newAlternatives.get(key);
    if (!match) {
      pair.collector.emit(
        'api-security-alternative-removed',
        site(`security ${key}`),
        `authentication by ${key} no longer accepted`,
      );
      continue;
    }
    for (const [name, scopes] of Object.entries(requirement)) {
      const newScopes = match[name] ?? [];
      for (const scope of newScopes.filter((s) => !scopes.includes(s)))
        pair.collector.emit('api-security-scope-added', site(`security ${key}`), `${name} needs scope ${scope}`);
      for (const scope of scopes.filter((s) => !newScopes.includes(s)))
        pair.collector.emit(
          'api-security-scope-removed',
          site(`security ${key}`),
          `${name} no longer needs scope ${scope}`,
        );
      if (!isDeepStrictEqual(scheme(pair.oldDocument, name), scheme(pair.newDocument, name)))
        pair.collector.emit(
          'api-security-scheme-changed',
          site(`securitySchemes.${name}`),
          `scheme ${name} changed from ${JSON.stringify(scheme(pair.oldDocument, name))} to ${JSON.stringify(scheme(pair.newDocument, name))}`,
        );
    }
  }
  for (const key of newAlternatives.keys()) {
    if (!oldAlternatives.has(key))
      pair.collector.emit(
        'api-security-alternative-added',
        site(`security ${key}`),
        `authentication by ${key} now accepted`,
      );
  }
}
