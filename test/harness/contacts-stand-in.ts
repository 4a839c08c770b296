import type http from 'node:http';
import { StageListSchema } from '../../domain/schemas/pipeline';
import type { Screen } from './api-stand-in';
import { json, type RecordedRequest } from './local-http-server';

/* The pipeline the contact list filters by (the contacts themselves come from the sequence stand-in). */
const at = new Date(Date.now() - 90 * 86_400_000).toISOString();
const stages = ['New', 'Contacted', 'Qualified', 'Won', 'Lost'].map((name, position) => ({
  id: `stg_${position + 1}`,
  name,
  kind: name === 'Won' ? 'won' : name === 'Lost' ? 'lost' : 'open',
  position,
  createdAt: at,
  updatedAt: at,
}));

/** Answers the pipeline's stages; false for anything else. */
export function contactsDemoApi(req: RecordedRequest, res: http.ServerResponse): boolean {
  if (req.path.split('?')[0] !== '/api/pipeline-stages') return false;
  json(res, 200, StageListSchema.parse({ stages }));
  return true;
}

export const CONTACT_SCREENS: Screen[] = [
  { name: 'contacts', path: '/contacts', prepare: (page) => page.getByTestId('contact-row').first().waitFor() },
  {
    name: 'contacts-new',
    path: '/contacts',
    prepare: async (page) => {
      await page.getByTestId('contact-row').first().waitFor();
      await page.getByRole('button', { name: 'New contact' }).click();
      await page.getByLabel('First name').fill('Katherine');
    },
  },
  {
    name: 'contacts-empty',
    path: '/contacts?q=zebra',
    setup: (page) => page.route((url) => url.pathname === '/api/contacts', (route) => route.fulfill({ json: { contacts: [], nextCursor: null } })),
    prepare: (page) => page.getByTestId('empty-state').waitFor(),
  },
];
