import { parseTemplate, substituteTokens, templateVariables, variableText, type TemplateContext } from './templates';

/**
 * WhatsApp approved templates. Outside WhatsApp's 24-hour window only content approved by WhatsApp may be sent:
 * a Twilio Content SID whose text has numbered variables, `{{1}}`, `{{2}}`, …, filled from `ContentVariables`.
 * Herald keeps its own text of the template (`templates.body`, with named variables such as `{{first_name}}`),
 * which the inbox shows and the agent reads. The two are tied by one convention, kept here and nowhere else:
 *
 *   the named variables of the template's Herald text, in order of first appearance, are {{1}}, {{2}}, … of the
 *   approved content.
 *
 * So `Hi {{first_name}}, your {{custom.service}} is on {{custom.day}}, {{first_name}}.` is approved as
 * `Hi {{1}}, your {{2}} is on {{3}}, {{1}}.` — a variable used twice keeps its first number.
 */
export interface NumberedVariable {
  /** Its number in the approved content, as Twilio's ContentVariables keys it: "1", "2", … */
  number: string;
  /** The variable of Herald's text: a path such as first_name or custom.day. */
  name: string;
  /** The first fallback its tokens give (`{{first_name|there}}`): its value when the contact has none. */
  fallback: string | null;
}

export interface NumberedValue extends NumberedVariable {
  /** The value for the contact (else the fallback); null when there is neither. */
  value: string | null;
}

/** The convention: each named variable of the text, numbered from 1 in order of first appearance. */
export function numberedVariables(text: string): NumberedVariable[] {
  const byName = new Map<string, NumberedVariable>();
  for (const token of parseTemplate(text).tokens) {
    const known = byName.get(token.path);
    if (!known) byName.set(token.path, { number: String(byName.size + 1), name: token.path, fallback: token.fallback || null });
    else if (known.fallback === null && token.fallback) known.fallback = token.fallback;
  }
  return [...byName.values()];
}

/** Each numbered variable with its value for a contact, as the composer prefills it and a send takes it when the agent gives none. */
export function numberedValuesFor(text: string, ctx: TemplateContext): NumberedValue[] {
  const values = templateVariables(ctx);
  return numberedVariables(text).map((v) => ({ ...v, value: variableText(values, v.name) ?? v.fallback }));
}

/**
 * Why a text cannot be the value of a WhatsApp template variable (Twilio refuses the send with 21656), or null:
 * it is blank, holds a line break or a tab, or more than four spaces in a row.
 */
export function variableValueProblem(value: string): string | null {
  if (value.trim() === '') return 'has no value';
  if (/[\r\n\t\u2028\u2029]/.test(value)) return 'may not contain line breaks or tabs (WhatsApp refuses them in a template’s values)';
  if (/ {5}/.test(value)) return 'may not contain more than four spaces in a row (WhatsApp refuses them in a template’s values)';
  return null;
}

const label = (v: NumberedVariable) => `{{${v.number}}} (${v.name})`;
const range = (variables: NumberedVariable[]) =>
  variables.length === 0 ? 'it has none' : variables.length === 1 ? 'it has {{1}}' : `it has {{1}} to {{${variables.length}}}`;

/**
 * What is wrong with numbered values an agent gave for a template: each of its numbers once (1 to n, no other
 * key), each value usable (variableValueProblem). Empty when they can be sent.
 */
export function givenValueProblems(variables: NumberedVariable[], given: Record<string, string>): string[] {
  const problems: string[] = [];
  const numbers = new Set(variables.map((v) => v.number));
  for (const key of Object.keys(given)) {
    if (numbers.has(key)) continue;
    const named = variables.find((v) => v.name === key);
    if (/^\d+$/.test(key)) problems.push(`{{${key}}} is not a variable of this template (${range(variables)})`);
    else problems.push(`"${key}" is not a variable of this template: give the values by number (${named ? `${key} is {{${named.number}}}` : range(variables)})`);
  }
  for (const v of variables) {
    const problem = variableValueProblem(given[v.number] ?? '');
    if (problem) problems.push(`${label(v)} ${problem}`);
  }
  return problems;
}

/** The Herald text with each named variable replaced by the value of its number: what the contact receives, as the inbox shows it. */
export function renderNumbered(text: string, values: Record<string, string>): string {
  const numberOf = new Map(numberedVariables(text).map((v) => [v.name, v.number]));
  const rawToName = new Map(parseTemplate(text).tokens.map((t) => [t.raw, t.path]));
  return substituteTokens(text, (raw) => {
    const name = rawToName.get(raw);
    const number = name === undefined ? undefined : numberOf.get(name);
    return number === undefined ? undefined : values[number];
  });
}

export type FilledApprovedTemplate =
  | { ok: true; variables: Record<string, string>; text: string }
  | { ok: false; problems: Array<NumberedVariable & { problem: string }> };

/**
 * An approved template filled in for a contact from what Herald knows of them: the numbered values WhatsApp
 * receives and the text the contact sees — or, per variable, why it cannot be (no value, or a value WhatsApp
 * refuses). The composer and sequence steps fill templates this one way.
 */
export function fillApprovedTemplate(text: string, ctx: TemplateContext): FilledApprovedTemplate {
  const numbered = numberedValuesFor(text, ctx);
  const problems = numbered.flatMap(({ value, ...v }) => {
    const problem = value === null ? 'has no value for this contact' : variableValueProblem(value);
    return problem ? [{ ...v, problem }] : [];
  });
  if (problems.length) return { ok: false, problems };
  const variables = Object.fromEntries(numbered.map((v) => [v.number, v.value!]));
  return { ok: true, variables, text: renderNumbered(text, variables) };
}
