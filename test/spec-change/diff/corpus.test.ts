import { describe, expect, it } from '@jest/globals';
import type { Classification } from '../../../src/spec-change/diff/change.js';
import { diffContracts } from '../../../src/spec-change/diff/diff.js';
import { RULES_BY_ID } from '../../../src/spec-change/diff/rules/index.js';
import { contractOf, type Spec, specCopy } from './spec-copies.js';

/**
 * One spec change of one kind per case, applied to a copy of the bundled contract, and every change
 * the diff must report for it: rule and classification (a change to a schema used by requests and
 * responses is reported once per side). `oasdiff` names the oasdiff rule that measures the same change.
 */
interface Case {
  readonly name: string;
  /** Edits OLD (default: the bundled spec as is). */
  readonly before?: (spec: Spec) => void;
  readonly after: (spec: Spec) => void;
  readonly expected: readonly (readonly [string, Classification])[];
  readonly oasdiff?: string;
}

const CLIENTS = 'breaking-for-clients';
const SERVERS = 'breaking-for-servers';
const COMPATIBLE = 'compatible';
const schemas = (spec: Spec) => spec['components'].schemas;
const tasks = (spec: Spec) => spec['paths']['/system/tasks'];

const CASES: readonly Case[] = [
  // operations
  {
    name: 'an operation is removed',
    after: (s) => delete s['paths']['/system/tasks/{taskId}/runs/{runId}/delete'],
    expected: [['api-removed-without-deprecation', CLIENTS]],
    oasdiff: 'api-removed-without-deprecation',
  },
  {
    name: 'a deprecated operation is removed',
    before: (s) => (s['paths']['/system/tasks/{taskId}/runs/{runId}/delete'].post.deprecated = true),
    after: (s) => delete s['paths']['/system/tasks/{taskId}/runs/{runId}/delete'],
    expected: [['api-removed-after-deprecation', CLIENTS]],
  },
  {
    name: 'an operation is added',
    after: (s) => {
      s['paths']['/system/tasks/{taskId}/run'] = {
        parameters: [{ $ref: '#/components/parameters/taskId' }],
        post: { operationId: 'runTaskNow', responses: { '200': { $ref: '#/components/responses/Success' } } },
      };
    },
    expected: [['api-added', SERVERS]],
    oasdiff: 'endpoint-added',
  },
  {
    name: 'an operation is deprecated',
    after: (s) => (tasks(s).post.deprecated = true),
    expected: [['api-deprecated', COMPATIBLE]],
    oasdiff: 'endpoint-deprecated',
  },
  {
    name: 'an operationId is renamed',
    after: (s) => (tasks(s).get.operationId = 'getTasks'),
    expected: [['api-operation-id-changed', CLIENTS]],
  },
  {
    name: "an operation's server path changes",
    after: (s) => (s['paths']['/generateToken'].servers[0].url = 'https://{host}/{context}/portal/sharing/rest'),
    expected: [['api-server-path-changed', CLIENTS]],
  },
  // parameters
  {
    name: 'a required query parameter is added',
    after: (s) =>
      tasks(s).get.parameters.push({ name: 'filter', in: 'query', required: true, schema: { type: 'string' } }),
    expected: [['new-required-request-parameter', CLIENTS]],
    oasdiff: 'new-required-request-parameter',
  },
  {
    name: 'an optional query parameter is added',
    after: (s) => tasks(s).get.parameters.push({ name: 'filter', in: 'query', schema: { type: 'string' } }),
    expected: [['new-optional-request-parameter', SERVERS]],
    oasdiff: 'new-optional-request-parameter',
  },
  {
    name: 'a query parameter is removed',
    after: (s) => (tasks(s).get.parameters = []),
    expected: [['request-parameter-removed', CLIENTS]],
    oasdiff: 'request-parameter-removed',
  },
  {
    name: 'a query parameter becomes required',
    after: (s) => (s['components'].parameters.f.required = true),
    expected: [['request-parameter-became-required', CLIENTS]],
    oasdiff: 'request-parameter-became-required',
  },
  {
    name: "a parameter's default changes",
    after: (s) => (schemas(s).Format.default = 'json'),
    expected: [['request-parameter-default-changed', CLIENTS]],
    oasdiff: 'request-parameter-default-value-changed',
  },
  {
    name: 'a path parameter is renamed',
    after: (s) => {
      const item = s['paths']['/system/tasks/{taskId}/update'];
      delete s['paths']['/system/tasks/{taskId}/update'];
      item.parameters = [{ name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/Hex32' } }];
      s['paths']['/system/tasks/{id}/update'] = item;
    },
    expected: [['request-path-parameter-renamed', COMPATIBLE]],
  },
  // request bodies
  {
    name: 'a request body becomes required',
    after: (s) => (s['components'].requestBodies.ResourceForm.required = true),
    expected: [['request-body-became-required', CLIENTS]],
    oasdiff: 'request-body-became-required',
  },
  {
    name: 'a request media type is added',
    after: (s) => {
      const content = s['paths']['/system/tasks/createTask'].post.requestBody.content;
      content['application/json'] = content['application/x-www-form-urlencoded'];
    },
    expected: [['request-body-media-type-added', SERVERS]],
    oasdiff: 'request-body-media-type-added',
  },
  {
    name: 'a request media type is removed',
    before: (s) => {
      const content = s['paths']['/system/tasks/createTask'].post.requestBody.content;
      content['application/json'] = content['application/x-www-form-urlencoded'];
    },
    after: () => {},
    expected: [['request-body-media-type-removed', CLIENTS]],
    oasdiff: 'request-body-media-type-removed',
  },
  // responses
  {
    name: 'a success status is removed',
    after: (s) => {
      const run = s['paths']['/system/tasks/{taskId}/runs/{runId}'].get;
      run.responses = { '201': run.responses['200'], ...run.responses };
      delete run.responses['200'];
    },
    expected: [
      ['response-success-status-removed', CLIENTS],
      ['response-success-status-added', CLIENTS],
    ],
    oasdiff: 'response-success-status-removed',
  },
  {
    name: 'an error status is removed',
    after: (s) => delete s['paths']['/system/tasks/{taskId}'].get.responses['404'],
    expected: [['response-non-success-status-removed', SERVERS]],
    oasdiff: 'response-non-success-status-removed',
  },
  {
    name: 'an error status is added',
    after: (s) => (tasks(s).get.responses['429'] = { $ref: '#/components/responses/ServerError' }),
    expected: [['response-non-success-status-added', CLIENTS]],
    oasdiff: 'response-non-success-status-added',
  },
  {
    name: 'a response media type is removed',
    after: (s) => delete s['components'].responses.Run.content['text/html'],
    expected: [['response-media-type-removed', CLIENTS]],
    oasdiff: 'response-media-type-removed',
  },
  {
    name: 'a response media type is added',
    after: (s) => (s['components'].responses.Run.content['text/plain'] = { schema: { type: 'string' } }),
    expected: [['response-media-type-added', COMPATIBLE]],
    oasdiff: 'response-media-type-added',
  },
  // types
  {
    name: 'a response type is widened (integer to number)',
    after: (s) => (schemas(s).CreateBackupParameters.properties.retentionOffset.type = 'number'),
    expected: [['response-type-widened', CLIENTS]],
    oasdiff: 'response-property-type-changed',
  },
  {
    name: 'a request type is narrowed',
    before: (s) => (schemas(s).GenerateTokenForm.properties.expiration.type = ['integer', 'string']),
    after: () => {},
    expected: [['request-type-narrowed', CLIENTS]],
    oasdiff: 'request-property-type-changed',
  },
  {
    name: 'a oneOf branch is removed',
    after: (s) => schemas(s).DateValue.oneOf.pop(),
    expected: [['response-variant-removed', SERVERS]],
  },
  {
    name: 'a oneOf branch is added',
    after: (s) => schemas(s).MaxOccurrences.oneOf.push({ type: 'integer', title: 'Zero', const: 0 }),
    expected: [
      ['request-variant-added', SERVERS],
      ['response-variant-added', CLIENTS],
    ],
  },
  // enums
  {
    name: 'an enum value is removed',
    after: (s) => (schemas(s).RetentionType.enum = ['week', 'month']),
    expected: [
      ['request-enum-value-removed', CLIENTS],
      ['response-enum-value-removed', SERVERS],
    ],
    oasdiff: 'response-property-enum-value-removed',
  },
  {
    name: 'an enum value is added',
    after: (s) => schemas(s).RunStatus.enum.push('cancelled'),
    expected: [
      ['request-enum-value-added', SERVERS],
      ['response-enum-value-added', CLIENTS],
    ],
    oasdiff: 'response-property-enum-value-added',
  },
  {
    name: 'a field is restricted to an enum',
    after: (s) => (schemas(s).TaskBase.properties.taskTitle.enum = ['nightly', 'weekly']),
    expected: [['response-enum-added', SERVERS]],
  },
  {
    name: "a field's enum is dropped",
    after: (s) => delete schemas(s).TaskBase.properties.taskState.enum,
    expected: [['response-enum-dropped', CLIENTS]],
  },
  // fields required or not, added or removed
  {
    name: 'a response field is no longer required',
    after: (s) => (schemas(s).Run.required = schemas(s).Run.required.filter((f: string) => f !== 'url')),
    expected: [['response-property-became-optional', CLIENTS]],
    oasdiff: 'response-property-became-optional',
  },
  {
    name: 'a response field becomes required',
    after: (s) => schemas(s).TaskBase.required.push('lastStart'),
    expected: [['response-property-became-required', SERVERS]],
    oasdiff: 'response-property-became-required',
  },
  {
    name: 'a request field becomes required',
    after: (s) => (schemas(s).UpdateRunForm.required = ['status']),
    expected: [['request-property-became-required', CLIENTS]],
    oasdiff: 'request-property-became-required',
  },
  {
    name: 'a required request field is added',
    after: (s) => {
      schemas(s).CreateTaskForm.properties.timeZone = { type: 'string' };
      schemas(s).CreateTaskForm.required.push('timeZone');
    },
    expected: [['new-required-request-property', CLIENTS]],
    oasdiff: 'new-required-request-property',
  },
  {
    name: 'an optional request field is added',
    after: (s) => (schemas(s).UpdateTaskForm.properties.description = { type: 'string' }),
    expected: [['new-optional-request-property', SERVERS]],
    oasdiff: 'new-optional-request-property',
  },
  {
    name: 'a request field is removed',
    after: (s) => delete schemas(s).UpdateRunForm.properties.results,
    expected: [['request-property-removed', CLIENTS]],
    oasdiff: 'request-property-removed',
  },
  {
    name: 'an optional response field is added',
    after: (s) => (schemas(s).Run.properties.note = { type: 'string' }),
    expected: [['response-optional-property-added', COMPATIBLE]],
    oasdiff: 'response-optional-property-added',
  },
  {
    name: 'a required response field is added',
    after: (s) => {
      schemas(s).Run.properties.duration = { type: 'integer' };
      schemas(s).Run.required.push('duration');
    },
    expected: [['response-required-property-added', SERVERS]],
    oasdiff: 'response-required-property-added',
  },
  {
    name: 'a required response field is removed',
    after: (s) => {
      delete schemas(s).Run.properties.url;
      schemas(s).Run.required = schemas(s).Run.required.filter((f: string) => f !== 'url');
    },
    expected: [['response-required-property-removed', CLIENTS]],
    oasdiff: 'response-required-property-removed',
  },
  {
    name: 'an optional response field is removed',
    after: (s) => delete schemas(s).TaskBase.properties.endDate,
    expected: [['response-optional-property-removed', CLIENTS]],
    oasdiff: 'response-optional-property-removed',
  },
  // additionalProperties
  {
    name: 'a request object is closed',
    after: (s) => (schemas(s).ResourceForm.additionalProperties = false),
    expected: [['request-additional-properties-closed', CLIENTS]],
  },
  {
    name: 'a response object is closed',
    before: (s) => delete schemas(s).Run.additionalProperties,
    after: () => {},
    expected: [['response-additional-properties-closed', SERVERS]],
  },
  {
    name: 'an object on both sides is opened',
    after: (s) => delete schemas(s).Retention.additionalProperties,
    expected: [
      ['request-additional-properties-opened', SERVERS],
      ['response-additional-properties-opened', COMPATIBLE],
    ],
  },
  // discriminators
  {
    name: 'a discriminator value is unmapped',
    after: (s) => delete schemas(s).Task.discriminator.mapping.CreateHealthCheckReports,
    expected: [['response-discriminator-mapping-removed', SERVERS]],
  },
  {
    name: 'a discriminator value is mapped',
    before: (s) => delete schemas(s).Task.discriminator.mapping.CreateHealthCheckReports,
    after: () => {},
    expected: [['response-discriminator-mapping-added', CLIENTS]],
  },
  {
    name: 'a discriminator value selects another schema',
    after: (s) =>
      (schemas(s).Task.discriminator.mapping.CleanGPJobs = '#/components/schemas/BackupRetentionCleanerTask'),
    expected: [['response-discriminator-mapping-changed', CLIENTS]],
  },
  {
    name: 'the discriminator names another property',
    after: (s) => (schemas(s).Task.discriminator.propertyName = 'type'),
    expected: [['response-discriminator-property-changed', CLIENTS]],
  },
  // pattern, format, bounds
  {
    name: 'a pattern changes',
    after: (s) => (schemas(s).Hex32.pattern = '^[0-9a-fA-F]{32}$'),
    expected: [
      ['request-pattern-changed', CLIENTS],
      ['response-pattern-changed', SERVERS],
    ],
    oasdiff: 'request-property-pattern-changed',
  },
  {
    name: 'a pattern is added',
    after: (s) => (schemas(s).TaskBase.properties.taskTitle.pattern = '^\\S+$'),
    expected: [['response-pattern-added', SERVERS]],
  },
  {
    name: 'a pattern is removed',
    after: (s) => delete schemas(s).BackupMetaData.properties.startTime.pattern,
    expected: [
      ['request-pattern-removed', SERVERS],
      ['response-pattern-removed', CLIENTS],
    ],
    oasdiff: 'request-property-pattern-removed',
  },
  {
    name: 'a format is added',
    after: (s) => (schemas(s).Run.properties.url.format = 'uri'),
    expected: [['response-format-added', SERVERS]],
  },
  {
    name: 'a minimum is raised',
    after: (s) => (schemas(s).Retention.properties.value.minimum = 2),
    expected: [
      ['request-min-increased', CLIENTS],
      ['response-min-increased', SERVERS],
    ],
    oasdiff: 'request-property-min-increased',
  },
  {
    name: 'a maximum is lowered',
    after: (s) => (schemas(s).ErrorCode.maximum = 499),
    expected: [['response-max-decreased', SERVERS]],
  },
  {
    name: 'a minimum length is raised',
    after: (s) => (schemas(s).CreateBackupParametersInput.properties.passcode.minLength = 12),
    expected: [['request-min-length-increased', CLIENTS]],
    oasdiff: 'request-property-min-length-increased',
  },
  {
    name: 'a maximum item count is added',
    after: (s) => (schemas(s).AdminError.properties.messages.maxItems = 5),
    expected: [['response-max-items-decreased', SERVERS]],
  },
  // security
  {
    name: 'a way to authenticate is removed',
    after: (s) => s['security'].pop(),
    expected: [['api-security-alternative-removed', CLIENTS]],
  },
  {
    name: 'a way to authenticate is added',
    after: (s) => {
      s['components'].securitySchemes.tokenCookie = { type: 'apiKey', in: 'cookie', name: 'agstoken' };
      s['security'].push({ tokenCookie: [] });
    },
    expected: [['api-security-alternative-added', SERVERS]],
  },
  {
    name: 'an anonymous operation starts requiring credentials',
    after: (s) => (s['paths']['/generateToken'].post.security = [{ tokenQuery: [] }]),
    expected: [['api-security-added', CLIENTS]],
    oasdiff: 'api-security-added',
  },
  {
    name: 'credentials are no longer required',
    after: (s) => (s['security'] = []),
    expected: [['api-security-removed', SERVERS]],
    oasdiff: 'api-security-removed',
  },
  {
    name: 'a security scheme changes how the token travels',
    after: (s) => (s['components'].securitySchemes.tokenQuery.name = 'access_token'),
    expected: [['api-security-scheme-changed', CLIENTS]],
  },
  // refactors that change nothing a client or server sees
  {
    name: 'a field moves from an allOf member into the schemas that use it (refactor)',
    after: (s) => {
      const title = schemas(s).TaskBase.properties.taskTitle;
      delete schemas(s).TaskBase.properties.taskTitle;
      for (const variant of [
        'CleanGPJobsTask',
        'CreateBackupTask',
        'BackupRetentionCleanerTask',
        'CreateHealthCheckReportsTask',
      ])
        schemas(s)[variant].properties.taskTitle = title;
    },
    expected: [],
  },
  {
    name: 'a component is renamed and descriptions are reworded (refactor)',
    after: (s) => {
      const text = JSON.stringify(s).replaceAll(
        '#/components/schemas/RetentionType"',
        '#/components/schemas/RetentionUnit"',
      );
      const copy = JSON.parse(text);
      copy.components.schemas.RetentionUnit = copy.components.schemas.RetentionType;
      delete copy.components.schemas.RetentionType;
      copy.components.schemas.RetentionUnit.description = 'The unit of the retention period.';
      Object.assign(s, copy);
    },
    expected: [],
  },
];

const base = await contractOf(specCopy(), 'old.json');

describe('spec diff classifies a corpus of spec changes, one kind each', () => {
  it('has at least 25 kinds of change, each case with its own first rule', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    const firstRules = CASES.filter((c) => c.expected.length > 0).map((c) => c.expected[0]![0]);
    expect(new Set(firstRules).size).toBe(firstRules.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const before = testCase.before ? await contractOf(specCopy(testCase.before), 'old.json') : base;
    const after = await contractOf(specCopy(testCase.after), 'new.json');
    const changes = diffContracts(before, after);
    const found = changes.map((c) => [c.rule, c.classification]).sort();
    expect(found).toEqual([...testCase.expected].map(([rule, classification]) => [rule, classification]).sort());
    for (const change of changes) {
      expect(change.message).not.toBe('');
      expect(change.operations.length).toBeGreaterThan(0);
    }
    if (testCase.oasdiff) {
      const cited = changes.map((c) => RULES_BY_ID.get(c.rule)?.oasdiff);
      expect(cited).toContain(testCase.oasdiff);
    }
  });
});
