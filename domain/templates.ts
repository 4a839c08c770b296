import { AppError, ErrorCodes } from './errors';
import { formatMoney } from './money';

/**
 * `{{token}}` templates. A token is a dotted path (`first_name`, `custom.budget`, `quote.items.0.name`) with
 * an optional fallback after a bar (`{{first_name|there}}`). A template is checked when it is saved, and a
 * value that is missing when it is rendered is a problem, never a blank in a customer's message.
 */
export interface TemplateProblem {
  code: 'syntax' | 'unknown_variable' | 'missing_value';
  token: string;
  message: string;
}

export interface TemplateToken {
  raw: string;
  path: string;
  fallback: string | null;
}

export type TemplateKind = 'contact' | 'quote';

const CONTACT_VARIABLES = ['first_name', 'last_name', 'full_name', 'email', 'phone', 'business_name', 'support_contact'] as const;
const QUOTE_VARIABLES = ['total', 'currency', 'short_url', 'quote_title', 'expires_at'] as const;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export function parseTemplate(text: string): { tokens: TemplateToken[]; problems: TemplateProblem[] } {
  const tokens: TemplateToken[] = [];
  const problems: TemplateProblem[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) {
      const raw = text.slice(open, open + 30);
      problems.push({ code: 'syntax', token: raw, message: `"${raw}" opens {{ without closing it with }}` });
      break;
    }
    const raw = text.slice(open, close + 2);
    const inner = text.slice(open + 2, close);
    const bar = inner.indexOf('|');
    const path = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar < 0 ? null : inner.slice(bar + 1).trim();
    if (!path) problems.push({ code: 'syntax', token: raw, message: `${raw} names no variable` });
    else if (!PATH.test(path) || inner.includes('{')) {
      problems.push({ code: 'syntax', token: raw, message: `${raw} is not a variable: use letters, digits, _ and dots (e.g. {{custom.budget}})` });
    } else tokens.push({ raw, path, fallback });
    at = close + 2;
  }
  return { tokens, problems };
}

function isKnown(path: string, kind: TemplateKind): boolean {
  if ((CONTACT_VARIABLES as readonly string[]).includes(path)) return true;
  if (path.startsWith('custom.')) return true;
  if (kind === 'quote') return (QUOTE_VARIABLES as readonly string[]).includes(path) || path.startsWith('quote.');
  return false;
}

/** Where each variable's value comes from, in words (the template editor lists them). */
export const VARIABLE_SOURCES: Record<string, string> = {
  first_name: 'the contact’s first name',
  last_name: 'the contact’s last name',
  full_name: 'the contact’s first and last name',
  email: 'the contact’s email',
  phone: 'the contact’s phone number',
  business_name: 'your business name (settings)',
  support_contact: 'your support contact (settings)',
  'custom.<property>': 'a custom field of the contact, by its key',
  total: 'the quote’s total, with its currency',
  currency: 'the quote’s currency',
  short_url: 'the link to the quote’s page',
  quote_title: 'the quote’s title',
  expires_at: 'when the quote expires',
  'quote.<field>': 'a field of the quote’s data',
};

/** The variables a text uses, each once, in order of first appearance (unreadable text: none). */
export function usedVariables(text: string): string[] {
  return [...new Set(parseTemplate(text).tokens.map((t) => t.path))];
}

export function knownVariables(kind: TemplateKind): string[] {
  return [...CONTACT_VARIABLES, 'custom.<property>', ...(kind === 'quote' ? [...QUOTE_VARIABLES, 'quote.<field>'] : [])];
}

/** Every problem with a template, for showing when it is saved; empty when it is fine. */
export function validateTemplate(text: string, kind: TemplateKind): TemplateProblem[] {
  const { tokens, problems } = parseTemplate(text);
  for (const token of tokens) {
    if (!isKnown(token.path, kind)) {
      problems.push({
        code: 'unknown_variable',
        token: token.raw,
        message: `unknown variable "${token.path}"; known: ${knownVariables(kind).join(', ')}`,
      });
    }
  }
  return problems;
}

/** A problem with where it is: a field ("body"), or a path into a larger document ("steps.1.subject"). */
export interface PlacedProblem {
  path: string;
  token?: string;
  message: string;
}

/** Every problem of several named texts at once (absent ones are skipped). */
export function templateProblemsAt(texts: Record<string, string | null | undefined>, kind: TemplateKind): PlacedProblem[] {
  const problems: PlacedProblem[] = [];
  for (const [path, text] of Object.entries(texts)) {
    if (text) for (const p of validateTemplate(text, kind)) problems.push({ path, token: p.token, message: p.message });
  }
  return problems;
}

/** One 422 listing every problem, so three typos take one round trip, not three. */
export function templateInvalidError(what: string, problems: PlacedProblem[]): AppError {
  return new AppError(ErrorCodes.TEMPLATE_INVALID, `${what} has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
    details: { problems },
  });
}

export interface TemplateContext {
  contact: {
    firstName?: string | null;
    lastName?: string | null;
    email?: string | null;
    phone?: string | null;
    customProperties?: unknown;
  };
  tenant: { businessName: string; supportContact?: string | null };
  quote?: {
    total: string | number;
    currency: string;
    shortUrl: string;
    title?: string | null;
    expiresAt?: Date | string | null;
    data?: unknown;
    timeZone?: string;
  };
}

function formatDate(value: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(value));
}

/** The values a template can use, by top-level name; `custom` and `quote` hold nested objects. */
export function templateVariables(ctx: TemplateContext): Record<string, unknown> {
  const { contact, tenant, quote } = ctx;
  const fullName = [contact.firstName, contact.lastName].filter((p) => p && p.trim()).join(' ');
  const values: Record<string, unknown> = {
    first_name: contact.firstName,
    last_name: contact.lastName,
    full_name: fullName || null,
    email: contact.email,
    phone: contact.phone,
    business_name: tenant.businessName,
    support_contact: tenant.supportContact,
    custom: contact.customProperties ?? {},
  };
  if (quote) {
    values.total = formatMoney(quote.total, quote.currency);
    values.currency = quote.currency;
    values.short_url = quote.shortUrl;
    values.quote_title = quote.title;
    values.expires_at = quote.expiresAt ? formatDate(quote.expiresAt, quote.timeZone ?? 'UTC') : null;
    values.quote = quote.data ?? {};
  }
  return values;
}

function lookup(values: Record<string, unknown>, path: string): unknown {
  let current: unknown = values;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A variable's value as text (`values` from templateVariables): null when it is missing, blank or a group of values. */
export function variableText(values: Record<string, unknown>, path: string): string | null {
  const value = lookup(values, path);
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Puts a text in place of each token, in one pass, so a value containing "{{…}}" is never expanded again. */
export function substituteTokens(text: string, valueOf: (raw: string) => string | undefined): string {
  return text.replace(/\{\{[^}]*\}\}/g, (raw) => valueOf(raw) ?? raw);
}

/**
 * Renders a template as plain text, for every channel: values go in as they are. An email's HTML part is made
 * from the rendered text when it is sent (domain/html.ts), so nothing here escapes.
 */
export function renderTemplate(text: string, ctx: TemplateContext): { ok: true; text: string } | { ok: false; problems: TemplateProblem[] } {
  const { tokens, problems } = parseTemplate(text);
  if (problems.length) return { ok: false, problems };
  const values = templateVariables(ctx);
  const rendered = new Map<string, string>();
  for (const token of tokens) {
    let out = variableText(values, token.path);
    const value = out === null ? lookup(values, token.path) : null;
    if (value !== null && value !== undefined && typeof value === 'object') {
      problems.push({ code: 'missing_value', token: token.raw, message: `${token.raw} is a group of values, not one value` });
      continue;
    }
    if (out === null && token.fallback) out = token.fallback;
    if (out === null) {
      problems.push({ code: 'missing_value', token: token.raw, message: `${token.raw} has no value for this contact` });
      continue;
    }
    rendered.set(token.raw, out);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, text: substituteTokens(text, (raw) => rendered.get(raw)) };
}
