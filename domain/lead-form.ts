/**
 * The embeddable lead form's rules, apart from any I/O: which pages may use a form, how fast a person can fill
 * it, what of the page is kept, and the snippet a site pastes.
 */

/** A submission sent sooner than this after the form was drawn is taken for a bot's (people read first). */
export const MIN_FILL_MS = 2_000;

/**
 * Submissions per client address and window, across every form: a person retrying a few times passes, a
 * script posting from one address does not. Each form also has its own bucket (its tenant's ingest rate).
 */
export const LEAD_FORM_ADDRESS_LIMIT = { max: 10, windowSeconds: 600 } as const;

/**
 * Whether a page on `origin` may use a form restricted to `allowed`: any page when the list is empty, else only
 * those listed. A request without an Origin (not a browser on a page) passes only an unrestricted form.
 */
export function isOriginAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  if (allowed.length === 0) return true;
  return origin !== undefined && allowed.includes(origin.toLowerCase());
}

/**
 * `https://Example.com/` → `https://example.com`: what a browser sends as Origin. Null for anything that is not
 * an http(s) origin alone (a path, a query, credentials).
 */
export function normalizeOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}

/**
 * The page a lead came from, without its query and fragment: they may carry personal data (an email address in
 * a link, a session token), and the UTM parameters are recorded apart. Null when it is not an http(s) URL.
 */
export function pageWithoutQuery(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return `${url.origin}${url.pathname}`;
}

/** The one name field of the form, split the way contacts keep names: the first word, then the rest. */
export function splitName(name: string): { firstName: string; lastName: string | null } {
  const [first, ...rest] = name.trim().split(/\s+/);
  return { firstName: first ?? '', lastName: rest.length ? rest.join(' ') : null };
}

/** How long the person took, by their own clock's two readings (so a clock set wrong does not matter). */
export function isFilledTooFast(renderedAt: number, submittedAt: number, minFillMs = MIN_FILL_MS): boolean {
  return submittedAt - renderedAt < minFillMs;
}

/** The consent wording a new form starts with; the tenant may change it. */
export function defaultConsentText(businessName: string): string {
  return `I agree to receive text messages and emails from ${businessName} about my enquiry. Message and data rates may apply; reply STOP to opt out of texts at any time.`;
}

export const DEFAULT_SUCCESS_MESSAGE = 'Thank you! We have your message and will be in touch soon.';

/** The contact's `source` for leads a form brought in: stable (the form's id), so lists and filters can match it. */
export function leadFormSource(formId: string): string {
  return `lead-form:${formId}`;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Where the embed script is served, under the API's public base URL. */
export function leadFormScriptUrl(apiBaseUrl: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/embed/lead-form.js`;
}

/** Where a form's submissions go (the script derives the same from its own URL). */
export function leadFormSubmitUrl(apiBaseUrl: string, formId: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/ingest/forms/${encodeURIComponent(formId)}/leads`;
}

/** What a site pastes where the form should appear: a placeholder and the script (once per page is enough). */
export function leadFormSnippet(apiBaseUrl: string, formId: string): string {
  return [
    `<div data-herald-lead-form="${escapeAttribute(formId)}"></div>`,
    `<script src="${escapeAttribute(leadFormScriptUrl(apiBaseUrl))}" async></script>`,
  ].join('\n');
}
