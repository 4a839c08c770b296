import { describe, expect, it } from 'vitest';
import { invitationEmail, invitationLink, passwordResetEmail, passwordResetLink } from './account-emails';

describe('account emails', () => {
  it('link to the web app’s pages, with the token encoded and one slash', () => {
    expect(passwordResetLink('https://app.example.com/', 'a+b/c')).toBe('https://app.example.com/reset-password?token=a%2Bb%2Fc');
    expect(invitationLink('https://app.example.com', 'inv_123')).toBe('https://app.example.com/invite/inv_123');
  });

  it('carry the link and say what it does', () => {
    const reset = passwordResetEmail({ name: 'Ada', link: 'https://x/reset-password?token=t' });
    expect(reset.body).toContain('https://x/reset-password?token=t');
    expect(reset.body.startsWith('Hi Ada,')).toBe(true);
    const invite = invitationEmail({ businessName: 'Acme', role: 'agent', link: 'https://x/invite/i', expiresAt: new Date('2026-12-08T10:00:00Z') });
    expect(invite.subject).toBe('You are invited to Acme on Herald');
    expect(invite.body).toContain('as an agent');
    expect(invite.body).toContain('until 2026-12-08');
    expect(invitationEmail({ businessName: 'Acme', role: 'viewer', link: 'l', expiresAt: new Date() }).body).toContain('as a viewer');
  });
});
