import type { RequestHandler } from 'express';
import { ZodError } from 'zod';

// Postgres text and jsonb cannot hold U+0000, and jsonb refuses a lone surrogate (text would silently turn it
// into U+FFFD): either would fail deep in a query as a 500. Checked once, here, for every field.
const NUL = /\u0000/;
const LONE_SURROGATE = /\p{Cs}/u;

type Issue = { code: 'custom'; path: PropertyKey[]; message: string; input: unknown };

function problemWith(text: string): string | null {
  if (NUL.test(text)) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it has a lone surrogate)';
  return null;
}

interface Node {
  value: unknown;
  key: PropertyKey | null;
  parent: Node | null;
}

function pathOf(node: Node | null): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let n = node; n && n.key !== null; n = n.parent) path.push(n.key);
  return path.reverse();
}

/**
 * Every string and every key under `root`, without recursion and without copying paths: a body may be nested
 * far deeper than the stack.
 */
export function unstorableTextIssues(root: unknown): Issue[] {
  const issues: Issue[] = [];
  const stack: Node[] = [{ value: root, key: null, parent: null }];
  while (stack.length && issues.length < 10) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const problem = problemWith(value);
      if (problem) issues.push({ code: 'custom', path: pathOf(node), message: problem, input: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, key: i, parent: node }));
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, item] of Object.entries(value)) {
        const problem = problemWith(key);
        if (problem) issues.push({ code: 'custom', path: pathOf(node), message: `a key ${problem}`, input: key });
        else stack.push({ value: item, key, parent: node });
      }
    }
  }
  return issues;
}

/** Refuses, as a 400 naming the field, text that no column could store: in the path, the query or the body. */
export const rejectUnstorableText: RequestHandler = (req, _res, next) => {
  const issues = [...unstorableTextIssues(req.params), ...unstorableTextIssues(req.query), ...unstorableTextIssues(req.body)];
  if (issues.length) throw new ZodError(issues);
  next();
};
