// How deep the walker copies (MAX_WALK_DEPTH, the toolkit's one bound); a deeper part of a value is
// replaced by a note (hostile input: bounded work).
import { MAX_WALK_DEPTH } from '../input/depth.js';

/** What the walker does with each string, each object key, and a value nested too deep. */
export interface JsonVisitor {
  /** A string value; `key` is the member it is the value of (undefined in arrays and at the root). */
  text(value: string, key: string | undefined): string;
  /** A scalar that is not a string (numbers, booleans), under `key`. */
  scalar?(value: unknown, key: string | undefined): unknown;
  /** An object key. */
  key(name: string): string;
}

const TOO_DEEP = `(nested deeper than ${MAX_WALK_DEPTH} levels, not shown)`;

type Task = {
  readonly node: unknown;
  readonly key: string | undefined;
  readonly depth: number;
  set(value: unknown): void;
};

/** Sets a member, `__proto__` included, as data. */
function define(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Keys as the visitor rewrites them, kept apart when two become one (two secrets as keys both
 * masked): the second is `********#2`, the third `#3`, so the JSON stays valid and nothing is lost.
 */
function distinctKeys(names: readonly string[], visitor: JsonVisitor): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const rewritten = visitor.key(name);
    let unique = rewritten;
    for (let n = 2; taken.has(unique); n++) unique = `${rewritten}#${n}`;
    taken.add(unique);
    return unique;
  });
}

/**
 * A copy of a JSON-like value with every string and key passed through `visitor`: the one walk of
 * the redaction module (JSON documents, reports, journal entries). It is iterative, so a hostile
 * document nested thousands deep cannot overflow the stack, and stops at MAX_WALK_DEPTH.
 */
export function walkJson(root: unknown, visitor: JsonVisitor): unknown {
  let result: unknown;
  const stack: Task[] = [{ node: root, key: undefined, depth: 0, set: (value) => (result = value) }];
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    const { node, key, depth } = task;
    if (typeof node === 'string') task.set(visitor.text(node, key));
    else if (node === null || typeof node !== 'object') task.set(visitor.scalar ? visitor.scalar(node, key) : node);
    else if (depth >= MAX_WALK_DEPTH) task.set(TOO_DEEP);
    else if (Array.isArray(node)) {
      const copy: unknown[] = new Array(node.length);
      task.set(copy);
      for (let i = node.length - 1; i >= 0; i--)
        stack.push({ node: node[i], key: undefined, depth: depth + 1, set: (value) => (copy[i] = value) });
    } else {
      const copy: Record<string, unknown> = {};
      task.set(copy);
      const names = Object.keys(node);
      const rewritten = distinctKeys(names, visitor);
      for (const name of rewritten) define(copy, name, undefined); // the order of the original
      for (let i = names.length - 1; i >= 0; i--) {
        const name = names[i]!;
        const target = rewritten[i]!;
        stack.push({
          node: (node as Record<string, unknown>)[name],
          key: name,
          depth: depth + 1,
          set: (value) => define(copy, target, value),
        });
      }
    }
  }
  return result;
}

/** Every string value of a JSON-like value with the key it is under, iteratively and depth-capped (to learn secrets, ids). */
export function eachString(root: unknown, visit: (value: string, key: string | undefined) => void): void {
  const stack: [unknown, string | undefined, number][] = [[root, undefined, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, key, depth] = item;
    if (typeof node === 'string') visit(node, key);
    else if (node !== null && typeof node === 'object' && depth < MAX_WALK_DEPTH) {
      if (Array.isArray(node)) for (const inner of node) stack.push([inner, undefined, depth + 1]);
      else for (const [name, inner] of Object.entries(node)) stack.push([inner, name, depth + 1]);
    }
  }
}
