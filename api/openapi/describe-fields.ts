import type { z } from 'zod';

/**
 * The same object schema with a description on every field, for schemas whose home is not ours to annotate
 * (vendor payloads parsed in handlers). Typed so that a new field without a description fails to compile.
 */
export function describeFields<S extends z.ZodObject>(schema: S, descriptions: { [K in keyof S['shape']]: string }): S {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, (field as z.ZodType).describe(descriptions[key as keyof S['shape']])]));
  return schema.extend(shape) as unknown as S;
}
