import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { unstorableTextIssues } from './reject-unstorable-text';

const storable = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000'));

describe('unstorableTextIssues', () => {
  test.prop([fc.json({ depthSize: 'small' }).map((j) => JSON.parse(j) as unknown)])('finds nothing in JSON without NUL or lone surrogates', (value) => {
    const clean = JSON.parse(JSON.stringify(value).replace(/\\u0000/g, '')) as unknown;
    expect(unstorableTextIssues(clean)).toEqual([]);
  });

  test.prop([fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 6 }), storable, storable])(
    'names the field of a NUL byte, however deep',
    (path, before, after) => {
      let value: unknown = `${before}\u0000${after}`;
      for (const key of [...path].reverse()) value = { [key]: value };
      expect(unstorableTextIssues(value)).toEqual([{ code: 'custom', path, message: 'must not contain NUL (\\u0000) characters', input: `${before}\u0000${after}` }]);
    },
  );

  it('finds lone surrogates and bad keys, and walks any depth', () => {
    expect(unstorableTextIssues({ note: '\ud800' })[0]).toMatchObject({ path: ['note'], message: expect.stringMatching(/lone surrogate/) });
    expect(unstorableTextIssues({ ok: '😀' })).toEqual([]);
    expect(unstorableTextIssues({ list: [{ 'k\u0000': 1 }] })[0]).toMatchObject({ path: ['list', 0], message: expect.stringMatching(/^a key must not contain NUL/) });
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextIssues(deep)[0]?.path).toHaveLength(100_000);
  });
});
