import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { AppPrisma } from '../../prisma/client';
import { forTenant } from '../../prisma/tenant-scope';
import { bearer, createTestTenant, testApi } from '../harness/context';
import { seriousAxeViolations, useBrowser, VIEWPORTS } from '../harness/browser';
import { freePort } from '../harness/free-port';
import { startLocalServer } from '../harness/local-http-server';
import { useDevServer, type DevServer } from '../harness/suites';

// The embeddable lead form in Chromium: a plain HTML page on another origin (a local server) carries the snippet
// exactly as the settings route gives it; the script draws the form from the real API, which takes the lead with
// the page's UTM parameters. No web app involved: the form lives on other people's sites.
let server: DevServer;
let prisma: AppPrisma;
let api: { url: string; close(): Promise<void> };
let request: ReturnType<typeof testApi>['request'];
let site: Awaited<ReturnType<typeof startLocalServer>>;
let elsewhere: Awaited<ReturnType<typeof startLocalServer>>;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let form: { id: string; snippet: string; consentText: string; successMessage: string };

useDevServer((parts) => ({ server, prisma } = parts));
const { newContext } = useBrowser();

/** A business's own page: nothing but its heading and the pasted snippet (twice: a page may hold several forms). */
const landingPage = (snippet: string) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme Plumbing: contact us</title></head>
  <body>
    <main>
      <h1>Contact Acme Plumbing</h1>
      <section aria-labelledby="top-title"><h2 id="top-title">Ask us anything</h2>
${snippet}
      </section>
      <section aria-labelledby="bottom-title"><h2 id="bottom-title">Or here</h2>
        <div data-herald-lead-form="${form.id}"></div>
      </section>
    </main>
  </body>
</html>`;

const servePage: Parameters<typeof startLocalServer>[0] = (req, res) => {
  if (!req.path.startsWith('/landing')) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(landingPage(form.snippet));
};

beforeAll(async () => {
  // The API on a port known in advance, so the snippet it builds names the URL the browser reaches it at.
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  // Every submission of this file comes from 127.0.0.1: a limit per address no test here meets by accident.
  const built = testApi({ prisma, client: server.client, taskQueue: 'browser-lead-form', deps: { publicUrl: apiUrl, leadForms: { addressLimit: { max: 1_000, windowSeconds: 60 } } } });
  request = built.request;
  const listening = http.createServer(built.app);
  await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
  api = {
    url: apiUrl,
    close: () =>
      new Promise<void>((resolve) => {
        listening.closeAllConnections();
        listening.close(() => resolve());
      }),
  };
  site = await startLocalServer(servePage);
  elsewhere = await startLocalServer(servePage);
  tenant = await createTestTenant(prisma, { businessName: 'Acme Plumbing' });
  const token = await request().post('/api/ingest-tokens').set(bearer(tenant.apiKey)).send({ name: 'website' }).expect(201);
  // The business's site is on "localhost": another host, so another origin, than the API's 127.0.0.1.
  const siteOrigin = site.url.replace('127.0.0.1', 'localhost');
  const created = await request()
    .post('/api/lead-forms')
    .set(bearer(tenant.apiKey))
    .send({ ingestTokenId: token.body.ingestToken.id, allowedOrigins: [siteOrigin], successMessage: 'Thanks! Acme will call you back today.' })
    .expect(201);
  form = created.body.leadForm;
}, 60_000);
afterAll(async () => {
  await site?.close();
  await elsewhere?.close();
  await api?.close();
});

const siteUrl = (path: string) => `${site.url.replace('127.0.0.1', 'localhost')}${path}`;

/** The first of the page's two forms. */
const firstForm = (page: Page) => page.locator('[data-herald-lead-form]').first();

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 });
}

describe('the lead form pasted into a plain web page', () => {
  it('draws every placeholder as an accessible form, and shows the API’s words beside the fields at fault', async () => {
    for (const viewport of [VIEWPORTS.laptop, VIEWPORTS.phone]) {
      const page = await (await newContext({ viewport })).newPage();
      await page.goto(siteUrl('/landing'));
      const first = firstForm(page);
      await visible(first.getByRole('textbox', { name: 'Name', exact: true }));
      await visible(page.locator('[data-herald-lead-form]').nth(1).getByRole('textbox', { name: 'Name', exact: true }));
      for (const name of ['Email', 'Phone', 'Message']) await visible(first.getByRole('textbox', { name, exact: true }));
      await visible(first.getByRole('checkbox', { name: form.consentText, exact: true }));
      // The trap for bots is out of sight and out of reach: no role a person or a screen reader meets.
      expect(await first.getByRole('textbox').count()).toBe(4);
      expect(await first.getByRole('textbox', { name: 'Name', exact: true }).getAttribute('required')).not.toBeNull();
      expect(await seriousAxeViolations(page), `rendered at ${viewport.width} px`).toEqual([]);

      // Sent empty: the API refuses it, and the script puts the API's sentences where they belong.
      await first.getByRole('button', { name: 'Send' }).click();
      await visible(first.getByText('Enter your name.'));
      const name = first.getByRole('textbox', { name: 'Name', exact: true });
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await name.getAttribute('aria-describedby'))!.split(' ');
      expect(await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()))).toContain('Enter your name.');
      await visible(first.getByRole('alert').filter({ hasText: 'Give a phone number or an email address so we can reach you.' }));
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
      expect(await seriousAxeViolations(page), `errors at ${viewport.width} px`).toEqual([]);
    }
    expect(await forTenant(prisma, tenant.tenant.id).contact.count()).toBe(0);
  }, 60_000);

  it('takes a lead with the page’s UTM parameters: a too-quick send is refused in words, the next one is thanked, and the API has the contact with its attribution', async () => {
    const context = await newContext();
    // The visitor's clock stands still while the form is filled (so the first send is "too quick"), then jumps.
    const start = Date.now();
    await context.clock.install({ time: start });
    await context.clock.pauseAt(start + 1_000);
    const page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && calls.push(r.url()));
    await page.goto(siteUrl('/landing?utm_source=newsletter&utm_campaign=spring'));
    const first = firstForm(page);
    await visible(first.getByRole('textbox', { name: 'Name', exact: true }));
    await first.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada Lovelace');
    await first.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example');
    await first.getByRole('textbox', { name: 'Phone', exact: true }).fill('+1 415 555 0142');
    await first.getByRole('textbox', { name: 'Message', exact: true }).fill('The boiler in the attic makes a knocking noise.');
    await first.getByRole('checkbox', { name: form.consentText, exact: true }).check();
    await first.getByRole('button', { name: 'Send' }).click();
    await visible(first.getByText('Enter a valid email address, like name@example.com.'));
    expect(await first.getByRole('textbox', { name: 'Email', exact: true }).getAttribute('aria-invalid')).toBe('true');

    await first.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.com');
    await first.getByRole('button', { name: 'Send' }).click();
    await visible(first.getByRole('alert').filter({ hasText: 'That was quick! Please check your details, then send the form again.' }));
    expect(await forTenant(prisma, tenant.tenant.id).contact.count()).toBe(0);

    await context.clock.fastForward(4_000);
    // Time flows again (axe waits on timers).
    await context.clock.resume();
    await first.getByRole('button', { name: 'Send' }).click();
    const thanks = first.getByRole('status');
    await visible(thanks);
    expect((await thanks.textContent())?.trim()).toBe('Thanks! Acme will call you back today.');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('hlf-success');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Every post went to the API the script came from, none to the site.
    expect(calls).toHaveLength(3);
    for (const url of calls) expect(url).toBe(`${api.url}/ingest/forms/${form.id}/leads`);

    const leads = await request().get(`/api/lead-forms/${form.id}/leads`).set(bearer(tenant.apiKey)).expect(200);
    expect(leads.body.leads).toHaveLength(1);
    expect(leads.body.leads[0]).toMatchObject({
      contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+14155550142' },
      newContact: true,
      message: 'The boiler in the attic makes a knocking noise.',
      pageUrl: siteUrl('/landing'),
      referrer: null,
      utm: { source: 'newsletter', campaign: 'spring', medium: null },
      consent: { given: true, text: form.consentText, channels: ['sms', 'email'] },
    });
    expect(leads.body.counts).toMatchObject({ submissions: 1, contacts: 1, bySource: [{ value: 'newsletter', submissions: 1 }], byCampaign: [{ value: 'spring', submissions: 1 }] });
    const contact = await forTenant(prisma, tenant.tenant.id).contact.findFirstOrThrow({ where: { email: 'ada@example.com' } });
    expect(contact).toMatchObject({ source: `lead-form:${form.id}`, smsConsent: 'granted', emailConsent: 'granted' });
  }, 60_000);

  it('on a page whose origin the form does not allow, gets no grant from the API and says the form could not be loaded', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${elsewhere.url}/landing`);
    const first = firstForm(page);
    await visible(first.getByText('This form could not be loaded.'));
    expect(await first.locator('form').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
