import type http from 'node:http';
import { AuditLogViewSchema } from '../../domain/schemas/audit-log';
import type { Screen } from './api-stand-in';
import { json, type RecordedRequest } from './local-http-server';

/* The audit log's demo answer: a morning at a plumbing firm, each entry as the API words it. */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const entry = (n: number, ago: number, type: string, action: string, actor: [string, string | null, string], subject: [string, string, string | null], data = {}) => ({
  id: `evt_${n}`,
  at: minutesAgo(ago),
  type,
  action,
  actor: { type: actor[0], id: actor[1], name: actor[2] },
  subject: { type: subject[0], id: subject[1], label: subject[2] },
  data,
});
const maya = ['user', 'usr_1', 'Maya Patel'] as [string, string, string];
const tom = ['user', 'usr_2', 'Tom Reed'] as [string, string, string];
const log = {
  entries: [
    entry(1, 4, 'sequence.published', 'published a sequence', maya, ['sequence', 'seq_1', 'New website leads'], { version: 3 }),
    entry(2, 18, 'template.updated', 'edited a template', tom, ['template', 'tpl_3', 'Service reminder'], { fields: ['body'] }),
    entry(3, 35, 'consent.revoked', 'opted out', ['contact', 'ctc_t4', 'Tim Berners-Lee'], ['contact', 'ctc_t4', 'Tim Berners-Lee']),
    entry(4, 61, 'lead.created', 'added a lead', ['ingestToken', 'itk_1', 'Website form'], ['contact', 'ctc_t9', 'Ada Lovelace']),
    entry(5, 95, 'member.role_changed', 'changed a member’s role', maya, ['member', 'usr_3', 'Priya Shah'], { from: 'viewer', to: 'agent' }),
    entry(6, 140, 'api_key.created', 'made an API key', maya, ['api_key', 'key_2', 'Zapier'], { role: 'agent' }),
    entry(7, 180, 'quote.accepted', 'accepted a quote', ['contact', 'ctc_t2', 'Alan Turing'], ['quote', 'quo_1', 'Boiler replacement']),
    entry(8, 240, 'tenant.settings_changed', 'changed the settings', tom, ['tenant', 'ten_1', 'Acme Plumbing'], { fields: ['quietStart', 'quietEnd'] }),
    entry(9, 300, 'message.failed', 'could not send a message', ['system', null, 'Herald'], ['message', 'msg_9', null], { errorCode: '30007' }),
  ],
  nextCursor: 'next',
};

/** Answers the audit-log route; false when the request is not it. */
export function auditDemoApi(req: RecordedRequest, res: http.ServerResponse): boolean {
  if (req.path.split('?')[0] !== '/api/audit-log') return false;
  json(res, 200, AuditLogViewSchema.parse(log));
  return true;
}

export const AUDIT_SCREENS: Screen[] = [
  { name: 'settings-audit-log', path: '/settings/audit-log', prepare: (page) => page.getByTestId('audit-row').first().waitFor() },
  {
    name: 'settings-audit-log-empty',
    path: '/settings/audit-log?actorType=apiKey&from=2026-11-01',
    setup: (page) => page.route((url) => url.pathname === '/api/audit-log', (route) => route.fulfill({ json: { entries: [], nextCursor: null } })),
    prepare: (page) => page.getByTestId('empty-state').waitFor(),
  },
];
