/**
 * Screenshots of every screen of the web app, light and dark, laptop and phone, into docs/screenshots/.
 * Run: `npx tsx test/browser/take-screenshots.ts [screen…]`. The web app talks to a local stand-in answering
 * demo data checked against each route's schema (test/harness/api-stand-in.ts), so every screen shows a busy
 * tenant in a known state — a failed send, a private note, a running sequence — that a fresh API would not
 * have. The real API is walked through in walkthrough.test.ts.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, setTheme, VIEWPORTS } from '../harness/browser';
import { demoApi, SCREENS } from '../harness/api-stand-in';
import { startLocalServer } from '../harness/local-http-server';
import { startWebApp } from '../harness/web-app';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');

async function main() {
  await mkdir(OUT, { recursive: true });
  const stand = await startLocalServer(demoApi);
  const web = await startWebApp({ apiUrl: stand.url });
  const browser = await launchBrowser();
  const only = process.argv.slice(2);

  try {
    for (const shot of SCREENS.filter((s) => only.length === 0 || only.includes(s.name))) {
      for (const theme of ['light', 'dark'] as const) {
        for (const [device, viewport] of Object.entries(VIEWPORTS)) {
          const context = await browser.newContext({ viewport, colorScheme: theme, deviceScaleFactor: 1, reducedMotion: 'reduce' });
          await setTheme(context, theme);
          const page = await context.newPage();
          await shot.setup?.(page);
          await page.goto(`${web.url}${shot.path}`);
          if (!shot.stillLoading) await page.waitForLoadState('networkidle');
          await shot.prepare?.(page);
          await page.screenshot({ path: path.join(OUT, `${shot.name}-${device}-${theme}.png`) });
          await context.close();
        }
      }
      console.log(`screenshot: ${shot.name}`);
    }
  } finally {
    await browser.close();
    await web.stop();
    await stand.close();
  }
}

await main();
