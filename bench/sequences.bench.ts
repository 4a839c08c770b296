import { bench, describe } from 'vitest';
import { scheduleSteps } from '../domain/sequence-schedule';
import { renderTemplate, validateTemplate } from '../domain/templates';

// Every enrollment step computes its fire time, every preview computes all of them, and every step and quote
// renders a template: bulk enrollment of thousands of contacts multiplies these.
const steps = Array.from({ length: 10 }, (_, i) => ({ waitAmount: i + 1, waitUnit: i % 2 ? ('business_days' as const) : ('days' as const) }));
const longWait = [{ waitAmount: 2_000, waitUnit: 'business_days' as const }];
const options = { timeZone: 'America/New_York', quietHours: { startMinute: 21 * 60, endMinute: 8 * 60 } };
const text = 'Hi {{first_name|there}}, {{business_name}} here about {{custom.service}} ({{custom.address.city}}). Reply STOP to opt out.';
const ctx = {
  contact: { firstName: 'Ada', lastName: 'Lovelace', customProperties: { service: 'boiler', address: { city: 'Leeds' } } },
  tenant: { businessName: 'Acme Plumbing' },
};
let i = 0;

describe('sequence hot paths', () => {
  bench('scheduleSteps, 10 steps with business days and quiet hours', () => {
    i = (i + 1) % 10_000;
    scheduleSteps(new Date(Date.UTC(2026, 0, 1) + i * 3_153_600), steps, options);
  });
  // A long wait must not block the API's schedule preview: business days are counted a week at a time.
  bench('scheduleSteps, one step of 2,000 business days', () => {
    i = (i + 1) % 10_000;
    scheduleSteps(new Date(Date.UTC(2026, 0, 1) + i * 3_153_600), longWait, options);
  });
  bench('renderTemplate, 4 tokens with a fallback and nested properties', () => {
    renderTemplate(text, ctx);
  });
  bench('validateTemplate', () => {
    validateTemplate(text, 'contact');
  });
});
