import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Debian's chromium (`.ci/run` installs it); playwright-core drives it without downloading a browser. */
export const CHROMIUM_PATH = process.env.HERALD_CHROMIUM_PATH ?? '/usr/bin/chromium';

// No sandbox (root in CI containers), no GPU, and nothing that reaches out to Google's services: the tests must
// not depend on the network or on a profile from an earlier run (playwright gives each launch a fresh
// temporary --user-data-dir).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium) or set HERALD_CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export const VIEWPORTS = {
  laptop: { width: 1366, height: 860 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * A browser shared by a file's tests. Each test opens its own contexts (`newContext`): their own cookies, so
 * one test's session never leaks into the next; they are closed when the test ends.
 */
export function useBrowser(): { browser: () => Browser; newContext: (options?: BrowserContextOptions) => Promise<BrowserContext> } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  // A test's pages close with it: a tab left open keeps talking to the API (an event stream reconnecting) and
  // would be counted by the next test.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => browser!,
    async newContext(options = {}) {
      const context = await browser!.newContext({ viewport: VIEWPORTS.laptop, ...options });
      contexts.push(context);
      return context;
    },
  };
}

/**
 * Light or dark for every page of the context: the choice next-themes stores (read before the first paint)
 * and the system preference alike.
 */
export async function setTheme(context: BrowserContext, theme: 'light' | 'dark'): Promise<void> {
  await context.addInitScript((t) => window.localStorage.setItem('theme', t), theme);
  for (const page of context.pages()) await page.emulateMedia({ colorScheme: theme });
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe (WCAG 2.1 A/AA rules plus best practices) on the page as it is now and returns the serious and
 * critical violations, each with the elements at fault, so a failing assertion says what to fix.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
