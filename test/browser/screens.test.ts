import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApi, SCREENS } from '../harness/api-stand-in';
import { seriousAxeViolations, setTheme, useBrowser, VIEWPORTS } from '../harness/browser';
import { startLocalServer } from '../harness/local-http-server';
import { startWebApp, type RunningWebApp } from '../harness/web-app';

// Every screen, with a tenant's data in the contract's shapes (a local stand-in for the API), in the state worth
// seeing: axe finds no serious or critical violation, light or dark, laptop or phone. (Colours are what differ
// between themes and layout what differs between widths, so the phone is checked in light only: two cores.)
let stand: Awaited<ReturnType<typeof startLocalServer>>;
let web: RunningWebApp;
const { newContext } = useBrowser();

beforeAll(async () => {
  stand = await startLocalServer(demoApi);
  web = await startWebApp({ apiUrl: stand.url });
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await stand?.close();
});

describe.each(['light', 'dark'] as const)('every screen, %s', (theme) => {
  for (const screen of SCREENS) {
    it(`${screen.name}: no serious accessibility violations`, async () => {
      for (const viewport of theme === 'light' ? [VIEWPORTS.laptop, VIEWPORTS.phone] : [VIEWPORTS.laptop]) {
        const context = await newContext({ viewport, colorScheme: theme, reducedMotion: 'reduce' });
        await setTheme(context, theme);
        const page = await context.newPage();
        await screen.setup?.(page);
        await page.goto(`${web.url}${screen.path}`);
        await screen.prepare?.(page);
        expect(await seriousAxeViolations(page), `${screen.name} at ${viewport.width} px`).toEqual([]);
        await context.close();
      }
    });
  }
});
