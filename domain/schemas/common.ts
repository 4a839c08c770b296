import { z } from 'zod';
import { CURRENCY_CODES } from '../currencies';

/**
 * Pieces every schema shares, each bounded by what its column can hold, so bad input is a 400 here rather
 * than an error from Postgres.
 */

/** Ids Herald makes look like `ctc_<32 hex>`; anything else in a path can only be a typo or a probe. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a Herald id (letters, digits, _ and -, at most 64; e.g. ctc_3f2a…)')
  .describe('A Herald id, e.g. ctc_3f2a9c0e…');

export const IdParamsSchema = z.object({ id: IdSchema.describe('Id of the resource') }).strict();

/** timestamptz holds years 4713 BC–294276 AD, but Postgres has no year 0 and JavaScript prints years past 9999 oddly. */
const MIN_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const MAX_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** An instant in ISO 8601 with an offset (`2026-12-01T09:00:00+01:00` or `…Z`), between the years 1 and 9999. */
export const IsoInstantSchema = z.iso
  .datetime({ offset: true, error: 'an ISO 8601 instant with an offset, e.g. 2026-12-01T09:00:00+01:00' })
  .refine(
    (value) => {
      const at = Date.parse(value);
      // Not an instant at all: the format check above has said so already.
      return Number.isNaN(at) || (at >= MIN_INSTANT && at <= MAX_INSTANT);
    },
    { message: 'must fall between the years 0001 and 9999 (UTC)' },
  )
  .describe('An instant, ISO 8601 with an offset');

/** numeric(14,2): twelve digits before the point, two after. */
export const MAX_MONEY_AMOUNT = 999_999_999_999.99;

export const MoneyAmountSchema = z
  .number()
  .nonnegative()
  .max(MAX_MONEY_AMOUNT, 'at most 999,999,999,999.99')
  .multipleOf(0.01, 'at most 2 decimals')
  .describe('An amount of money, at most 2 decimals, up to 999,999,999,999.99');

export const CurrencySchema = z
  .enum(CURRENCY_CODES as [string, ...string[]], { error: 'currency is not an ISO 4217 code (e.g. USD, EUR, GBP)' })
  .describe('ISO 4217 currency code, e.g. USD');

/** Custom properties are flat: what a filter can match and a template can show. */
export const MAX_PROPERTIES = 100;
export const MAX_PROPERTY_KEY_LENGTH = 100;
export const MAX_PROPERTY_TEXT_LENGTH = 2000;

const PropertyValueSchema = z
  .union([z.string().max(MAX_PROPERTY_TEXT_LENGTH), z.number(), z.boolean(), z.null()], {
    error: 'a property value is text, a number, true/false or null — not an object or a list',
  })
  .describe(`Text (at most ${MAX_PROPERTY_TEXT_LENGTH} characters), a number, true/false or null`);

export const CustomPropertiesSchema = z
  .record(z.string().min(1).max(MAX_PROPERTY_KEY_LENGTH).describe('Property name'), PropertyValueSchema)
  .refine((value) => Object.keys(value).length <= MAX_PROPERTIES, { message: `at most ${MAX_PROPERTIES} properties` })
  .describe(
    `Custom properties, flat: name (at most ${MAX_PROPERTY_KEY_LENGTH} characters) → text, number, true/false or null; at most ${MAX_PROPERTIES}; templates show them as {{custom.<name>}}`,
  );

/** Limits on free-form JSON (a quote's data): nesting, size and text length, checked without recursion. */
export const JSON_LIMITS = { depth: 5, nodes: 1000, text: MAX_PROPERTY_TEXT_LENGTH } as const;

function jsonProblem(root: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  let nodes = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (++nodes > JSON_LIMITS.nodes) return `at most ${JSON_LIMITS.nodes} values in all`;
    if (typeof value === 'string' && value.length > JSON_LIMITS.text) return `text values are at most ${JSON_LIMITS.text} characters`;
    if (typeof value === 'number' && !Number.isFinite(value)) return 'numbers must be finite';
    if (value !== null && typeof value === 'object') {
      if (depth >= JSON_LIMITS.depth) return `nested at most ${JSON_LIMITS.depth} levels deep`;
      for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
        if (typeof key === 'string' && key.length > MAX_PROPERTY_KEY_LENGTH) return `keys are at most ${MAX_PROPERTY_KEY_LENGTH} characters`;
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** A JSON object of bounded size and depth; templates reach into it with dotted paths. */
export const BoundedJsonObjectSchema = z
  .record(z.string().min(1).max(MAX_PROPERTY_KEY_LENGTH).describe('Field name'), z.unknown().describe('Any JSON value'))
  .superRefine((value, ctx) => {
    const problem = jsonProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(`A JSON object, nested at most ${JSON_LIMITS.depth} levels, at most ${JSON_LIMITS.nodes} values`);
