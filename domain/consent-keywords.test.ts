import { describe, expect, it } from 'vitest';
import { parseConsentKeyword } from './consent-keywords';

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
