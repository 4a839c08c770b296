import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { givenValueProblems, numberedValuesFor, numberedVariables, renderNumbered, variableValueProblem } from './approved-templates';
import { renderTemplate, type TemplateContext } from './templates';

/*
 * The convention tying an approved WhatsApp template's Herald text to its approved content: the named variables of
 * the text, in order of first appearance, are {{1}}, {{2}}, … The properties build a template and, beside it and
 * independently, its approved content and the numbering (the oracle), then check Herald against both: what Twilio
 * renders from the content equals what the inbox shows, and the contact's values agree with the named renderer.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

const CONTACT_FIELDS = ['first_name', 'last_name', 'full_name', 'email', 'phone', 'business_name', 'support_contact'] as const;
const customKey = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
const variableName = fc.oneof(fc.constantFrom(...CONTACT_FIELDS), customKey.map((k) => `custom.${k}`));
/** Words between tokens: anything but braces (a brace next to a token would change what the token is). */
const literal = fc.string({ maxLength: 12 }).filter((s) => !/[{}]/.test(s));
const fallbackText = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,8}$/).map((s) => s.trimEnd());

interface Built {
  /** Herald's text, with named variables. */
  text: string;
  /** The approved content the convention makes of it, built alongside. */
  content: string;
  /** Distinct names in order of first appearance (the oracle's numbering: index + 1). */
  names: string[];
  fallbacks: Map<string, string | null>;
}

/** A template from parts: literal words and tokens (spaced or not), each name with one fallback or none. */
const template: fc.Arbitrary<Built> = fc
  .record({
    pool: fc.uniqueArray(variableName, { minLength: 1, maxLength: 6 }),
    fallbacks: fc.array(fc.option(fallbackText, { nil: null }), { minLength: 6, maxLength: 6 }),
    parts: fc.array(fc.tuple(literal, fc.nat(), fc.boolean()), { maxLength: 10 }),
    tail: literal,
  })
  .map(({ pool, fallbacks, parts, tail }) => {
    const names: string[] = [];
    const fallbackOf = new Map(pool.map((name, i) => [name, fallbacks[i] ?? null]));
    let text = '';
    let content = '';
    for (const [words, pick, spaced] of parts) {
      const name = pool[pick % pool.length]!;
      if (!names.includes(name)) names.push(name);
      const fallback = fallbackOf.get(name);
      const inner = `${name}${fallback ? `|${fallback}` : ''}`;
      text += `${words}{{${spaced ? ` ${inner} ` : inner}}}`;
      content += `${words}{{${names.indexOf(name) + 1}}}`;
    }
    return { text: text + tail, content: content + tail, names, fallbacks: fallbackOf };
  });

/** Twilio's side: each {{n}} of the approved content replaced by ContentVariables[n], in one pass. */
const twilioRenders = (content: string, values: Record<string, string>) => content.replace(/\{\{(\d+)\}\}/g, (raw, n: string) => values[n] ?? raw);

const valuesFor = (names: string[], value: fc.Arbitrary<string>) =>
  fc.array(value, { minLength: names.length, maxLength: names.length }).map((vs) => Object.fromEntries(vs.map((v, i) => [String(i + 1), v])));
/** A value WhatsApp takes: no line break or tab, at most four spaces in a row, not blank. */
const sendable = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => variableValueProblem(s) === null);

describe('the numbering convention', () => {
  test.prop([template], { numRuns: RUNS })('numbers each named variable once, from 1, in order of first appearance', (t) => {
    const numbered = numberedVariables(t.text);
    expect(numbered.map((v) => v.name)).toEqual(t.names);
    expect(numbered.map((v) => v.number)).toEqual(t.names.map((_, i) => String(i + 1)));
    expect(numbered.map((v) => v.fallback)).toEqual(t.names.map((n) => t.fallbacks.get(n) ?? null));
  });

  test.prop([template.chain((t) => fc.tuple(fc.constant(t), valuesFor(t.names, fc.string({ maxLength: 20 }))))], { numRuns: RUNS })(
    'the inbox shows exactly what Twilio renders from the approved content with the same values',
    ([t, values]) => {
      expect(renderNumbered(t.text, values)).toBe(twilioRenders(t.content, values));
    },
  );

  const contactValue = fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('', '  ')), { nil: null });
  const context: fc.Arbitrary<TemplateContext> = fc.record({
    contact: fc.record({
      firstName: contactValue,
      lastName: contactValue,
      email: contactValue,
      phone: contactValue,
      customProperties: fc.dictionary(customKey, fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null))),
    }),
    tenant: fc.record({ businessName: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== ''), supportContact: contactValue }),
  });

  test.prop([template, context], { numRuns: RUNS })('the contact’s values agree with the named renderer: null exactly where it finds a value missing', (t, ctx) => {
    const numbered = numberedValuesFor(t.text, ctx);
    const named = renderTemplate(t.text, ctx);
    const missing = numbered.filter((v) => v.value === null).map((v) => v.name);
    if (named.ok) {
      expect(missing).toEqual([]);
      expect(renderNumbered(t.text, Object.fromEntries(numbered.map((v) => [v.number, v.value!])))).toBe(named.text);
    } else {
      expect(missing.length).toBeGreaterThan(0);
      expect([...new Set(named.problems.map((p) => p.token.replace(/^\{\{\s*([^|}\s]+).*$/, '$1')))]).toEqual(missing);
    }
  });
});

describe('values an agent gives', () => {
  const withValues = template.chain((t) => fc.tuple(fc.constant(t), valuesFor(t.names, sendable)));
  const withSomeValues = template.filter((t) => t.names.length > 0).chain((t) => fc.tuple(fc.constant(t), valuesFor(t.names, sendable)));
  const has = (n: number) => (n === 0 ? 'it has none' : n === 1 ? 'it has {{1}}' : `it has {{1}} to {{${n}}}`);

  test.prop([withValues], { numRuns: RUNS })('every number of the template once, each sendable: no problem', ([t, values]) => {
    expect(givenValueProblems(numberedVariables(t.text), values)).toEqual([]);
  });

  test.prop([withSomeValues.chain(([t, v]) => fc.tuple(fc.constant(t), fc.constant(v), fc.nat({ max: t.names.length - 1 })))], { numRuns: RUNS })(
    'a number left out is named',
    ([t, values, drop]) => {
      const { [String(drop + 1)]: _dropped, ...rest } = values;
      const problems = givenValueProblems(numberedVariables(t.text), rest);
      expect(problems).toEqual([`{{${drop + 1}}} (${t.names[drop]}) has no value`]);
    },
  );

  test.prop([withValues, fc.integer({ min: 1, max: 50 })], { numRuns: RUNS })('a number beyond the template’s is named', ([t, values], beyond) => {
    const extra = String(t.names.length + beyond);
    expect(givenValueProblems(numberedVariables(t.text), { ...values, [extra]: 'x' })).toEqual([
      `{{${extra}}} is not a variable of this template (${has(t.names.length)})`,
    ]);
  });

  test.prop(
    [withSomeValues.chain(([t, v]) => fc.tuple(fc.constant(t), fc.constant(v), fc.nat({ max: t.names.length - 1 }), fc.constantFrom('', '   ', 'a\nb', 'tab\there', 'five     spaces')))],
    { numRuns: RUNS },
  )('a value WhatsApp would refuse is named with the reason', ([t, values, at, bad]) => {
    const problems = givenValueProblems(numberedVariables(t.text), { ...values, [String(at + 1)]: bad });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^\\{\\{${at + 1}\\}\\} \\(${t.names[at]!.replace('.', '\\.')}\\) (has no value|may not contain (line breaks|more than four spaces))`));
  });
});

describe('examples', () => {
  const ctx: TemplateContext = { contact: { firstName: 'Ada', customProperties: { day: 'Tuesday' } }, tenant: { businessName: 'Acme' } };

  it('keeps a variable’s first number when it comes back, and takes a later fallback when the first has none', () => {
    const text = 'Hi {{first_name}}, see you {{custom.day}}, {{ first_name | friend }}. {{custom.note|No notes}}';
    expect(numberedVariables(text)).toEqual([
      { number: '1', name: 'first_name', fallback: 'friend' },
      { number: '2', name: 'custom.day', fallback: null },
      { number: '3', name: 'custom.note', fallback: 'No notes' },
    ]);
    expect(numberedValuesFor(text, ctx).map((v) => v.value)).toEqual(['Ada', 'Tuesday', 'No notes']);
    expect(renderNumbered(text, { 1: 'Grace', 2: 'Friday', 3: 'Gate code 4512' })).toBe('Hi Grace, see you Friday, Grace. Gate code 4512');
  });

  it('never expands a value that looks like a variable', () => {
    expect(renderNumbered('Hi {{first_name}} and {{last_name}}', { 1: '{{last_name}}', 2: 'Lovelace' })).toBe('Hi {{last_name}} and Lovelace');
  });

  it('a template without variables takes none, and names a key given by name', () => {
    expect(numberedVariables('Your visit is confirmed.')).toEqual([]);
    expect(givenValueProblems([], {})).toEqual([]);
    expect(givenValueProblems([], { 1: 'x' })).toEqual(['{{1}} is not a variable of this template (it has none)']);
    expect(givenValueProblems(numberedVariables('Hi {{first_name}}'), { first_name: 'Ada' })).toEqual([
      '"first_name" is not a variable of this template: give the values by number (first_name is {{1}})',
      '{{1}} (first_name) has no value',
    ]);
  });
});
