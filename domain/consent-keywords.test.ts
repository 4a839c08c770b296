import { describe, expect, it } from 'vitest';
import { complianceReply, parseConsentKeyword } from './consent-keywords';

describe('parseConsentKeyword', () => {
  it.each([
    ['STOP', 'opt-out'], ['stop', 'opt-out'], ['  Stop  ', 'opt-out'], ['Stop.', 'opt-out'], ['STOPALL', 'opt-out'],
    ['unsubscribe', 'opt-out'], ['Cancel', 'opt-out'], ['END', 'opt-out'], ['quit', 'opt-out'], ['REVOKE', 'opt-out'], ['optout', 'opt-out'],
    ['START', 'opt-in'], ['yes', 'opt-in'], ['Unstop', 'opt-in'],
    ['HELP', 'help'], ['info', 'help'], ['Help!', 'help'],
  ])('%j → %s', (body, expected) => expect(parseConsentKeyword(body)).toBe(expected));

  it.each(['STOP please', 'please stop', 'STOP STOP', 'stopp', 'opt out', '', '   ', 'yes, see you then', 'S T O P', 'STOP?'])(
    '%j is an ordinary message',
    (body) => expect(parseConsentKeyword(body)).toBeNull(),
  );
});

describe('complianceReply', () => {
  const tenant = { businessName: 'Acme Plumbing', supportContact: 'help@acme.test' };
  it('names the business and says how to undo the choice', () => {
    expect(complianceReply('opt-out', tenant)).toBe('Acme Plumbing: You are unsubscribed and will receive no more messages. Reply START to resubscribe.');
    expect(complianceReply('opt-in', tenant)).toMatch(/^Acme Plumbing: .*STOP to unsubscribe\.$/);
    expect(complianceReply('help', tenant)).toBe('Acme Plumbing: For help, contact help@acme.test. Reply STOP to unsubscribe.');
    expect(complianceReply('help', { ...tenant, supportContact: null })).toMatch(/Reply to this message/);
  });
});
