import type { Screen } from './api-stand-in';

/*
 * The template screens use the sequence stand-in's templates and contacts (test/harness/sequence-stand-in.ts);
 * the preview is answered in the browser, as the API would for Grace, who lacks custom.last_service.
 */
export const TEMPLATE_SCREENS: Screen[] = [
  { name: 'templates', path: '/templates', prepare: (page) => page.getByTestId('template-row').first().waitFor() },
  {
    name: 'template-editor',
    path: '/templates/tpl_3',
    setup: (page) =>
      page.route(
        (url) => url.pathname === '/api/templates/preview',
        (route) =>
          route.fulfill({
            json: {
              preview: {
                contactId: 'ctc_t1',
                channel: 'whatsapp',
                ok: false,
                subject: null,
                body: null,
                problems: [{ code: 'missing_value', token: '{{custom.last_service}}', message: 'the contact has no value for "custom.last_service"' }],
              },
            },
          }),
      ),
    prepare: async (page) => {
      await page.getByTestId('template-body').waitFor();
      await page.getByTestId('contact-picker').click();
      await page.getByTestId('contact-option').first().click();
      await page.getByTestId('template-problems').waitFor();
    },
  },
];
