import '../../src/matchers/jest.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { packageRoot } from '../../src/contract/package-root.js';
import { createMockServer, fetchJournal, type RunningMock, startMockServer } from '../../src/mock/index.js';
import { settled } from '../mock/helpers.js';

const ADMIN = '/arcgis/admin';
let mock: RunningMock;
let token: string;
let taskId: string;

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${mock.url}${path}`, { method: 'POST', body: new URLSearchParams(fields) }).then((r) => r.text());
const get = (path: string) => fetch(`${mock.url}${path}`).then((r) => r.text());

/** The message of the assertion error `assertion` throws. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed');
}

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  const answer = await post('/arcgis/sharing/rest/generateToken', { username: 'admin', password: 'admin', f: 'json' });
  token = (JSON.parse(answer) as { token: string }).token;
  const state = JSON.parse(await get('/__mock/state')) as { tasks: { taskId: string; taskState: string }[] };
  taskId = state.tasks.find((t) => t.taskState === 'active')!.taskId;
});
beforeEach(() => {
  mock.clearRequests();
});
afterAll(() => mock.close());

describe('toHaveReceived', () => {
  it('passes when the mock received the operation: at least once, exactly N times, with the options asked', async () => {
    await post(`${ADMIN}/system/tasks/${taskId}/disable`, { f: 'json', token });
    expect(mock).toHaveReceived('disableTask');
    expect(mock).toHaveReceived('disableTask', { taskId, times: 1, token: 'form', status: 200, errorCode: null });
    expect(mock).toHaveReceived('disableTask', { method: 'post', form: { f: 'json', token: '********' } });
    expect(mock).toHaveReceived('enableTask', { times: 0 });
    expect(mock).not.toHaveReceived('enableTask');
    expect(mock).not.toHaveReceived('disableTask', { times: 2 });
    expect(mock).not.toHaveReceived('disableTask', { token: 'query' });
    // the same journal, however it is reached
    expect(mock.server).toHaveReceived('disableTask', { taskId, times: 1 });
    expect(mock.journal).toHaveReceived('disableTask', { taskId, times: 1 });
    expect(await fetchJournal(mock.url)).toHaveReceived('disableTask', { taskId, times: 1, token: 'form' });
  });

  it('fails with what the mock received instead: the same operation and what differed, near misses, the rest', async () => {
    await post(`${ADMIN}/system/tasks/${taskId}/disabel`, { f: 'json', token });
    await post(`${ADMIN}/system/tasks/${taskId}/disable?token=${token}`, { f: 'json' });
    await get(`${ADMIN}/system/tasks?f=json&token=${token}`);
    const message = failureOf(() => expect(mock).toHaveReceived('disableTask', { taskId, token: 'form', times: 1 }));
    expect(message).toContain(
      `Expected the mock to have received disableTask with taskId "${taskId}", token: form exactly 1 time, but it received it 0 times.`,
    );
    expect(message).toMatch(
      new RegExp(
        `disableTask requests that differed:\\n  #\\d+ POST ${ADMIN}/system/tasks/${taskId}/disable -> disableTask 200 \\(token: query\\) \\[token: query\\]`,
      ),
    );
    expect(message).toMatch(
      /Unmatched requests \(near misses\):\n {2}#\d+ POST \S+\/disabel -> unmatched 200 error 404 \(token: form\); closest: disableTask \(POST \/arcgis\/admin\/system\/tasks\/\{taskId\}\/disable\): path segment 6 is "disabel", the operation has "disable"/,
    );
    expect(message).toMatch(
      /Other requests:\n {2}#\d+ GET \/arcgis\/admin\/system\/tasks -> listTasks 200 \(token: query\)/,
    );
    expect(message).not.toContain(token);
  });

  it('fails under .not with the requests it should not have received', async () => {
    await post(`${ADMIN}/system/tasks/${taskId}/disable`, { f: 'json', token });
    const message = failureOf(() => expect(mock).not.toHaveReceived('disableTask', { taskId }));
    expect(message).toMatch(
      /Expected the mock not to have received disableTask with taskId "\w+", but it received it 1 time\./,
    );
    expect(message).toMatch(/Received:\n {2}#\d+ POST \S+\/disable -> disableTask 200/);
  });

  it('says when the mock received nothing, and when the journal dropped older requests', async () => {
    expect(failureOf(() => expect(mock).toHaveReceived('listTasks'))).toContain('The mock received no request at all.');
    const small = createMockServer({ journalSize: 2 });
    for (let i = 0; i < 3; i++) await request(small).get(`${ADMIN}/system/tasks?f=json`);
    expect(failureOf(() => expect(small).toHaveReceived('deleteTask'))).toContain(
      'The journal keeps the last 2 requests and dropped 1 older ones: raise journalSize (--journal-size) or clear it between tests.',
    );
    await settled(small);
  });

  it('refuses what it cannot check: a typo in the operationId, a bad option, a journal that is off, not a mock', async () => {
    expect(() => expect(mock).toHaveReceived('disabelTask')).toThrow(
      /"disabelTask" is not an operation.*"disableTask"/,
    );
    expect(() => expect(mock).toHaveReceived('disableTask', { times: -1 })).toThrow(/times must be a whole number/);
    expect(() => expect(mock).toHaveReceived('disableTask', { taskID: 'x' } as never)).toThrow(
      /"taskID" is not an option/,
    );
    expect(() => expect(mock).toHaveReceived('disableTask', { token: 'body' } as never)).toThrow(
      /token must be one of/,
    );
    expect(() => expect({ url: mock.url }).toHaveReceived('disableTask')).toThrow(
      /takes what startMockServer\(\) returns/,
    );
    const off = createMockServer({ journalSize: 0 });
    expect(() => expect(off).not.toHaveReceived('disableTask')).toThrow(/journal off/);
    expect(() => expect(off).toHaveReceivedNothingUnmatched()).toThrow(/journal off/);
    await settled(off);
    // @ts-expect-error the operationId is text
    expect(() => expect(mock).toHaveReceived(42)).toThrow(/first argument is an operationId/);
  });
});

describe('toHaveReceivedNothingUnmatched', () => {
  it('passes when every request was taken by an operation, and lists each unmatched one with its near miss', async () => {
    await get(`${ADMIN}/system/tasks?f=json&token=${token}`);
    expect(mock).toHaveReceivedNothingUnmatched();
    expect(failureOf(() => expect(mock).not.toHaveReceivedNothingUnmatched())).toContain(
      'but every request was taken by an operation',
    );
    await get(`${ADMIN}/system/tasks/${taskId}?f=json`);
    await get(`${ADMIN}/system/tasks/${taskId}?f=xml&token=${token}`);
    const message = failureOf(() => expect(mock).toHaveReceivedNothingUnmatched());
    expect(message).toContain('Expected no unmatched request, but the mock received 2 unmatched requests.');
    expect(message).toMatch(/-> unmatched 200 error 499 \(token: none\); closest: getTask .*: no token was sent/);
    expect(message).toMatch(/-> unmatched 200 error 400 \(token: query\); closest: getTask .*: f is "xml"/);
    expect(mock).not.toHaveReceivedNothingUnmatched();
  });
});

describe('the test double manual', () => {
  it('shows test/matchers/readme-example.test.ts verbatim, so its example runs', () => {
    const read = (path: string) => readFileSync(join(packageRoot(), path), 'utf8');
    expect(read('docs/test-double.md')).toContain(`\`\`\`ts\n${read('test/matchers/readme-example.test.ts')}\`\`\``);
  });
});
