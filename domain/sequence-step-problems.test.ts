import { describe, expect, it } from 'vitest';
import { sequenceStepProblems } from './sequence-step-problems';

describe('sequenceStepProblems', () => {
  it('lists every unknown variable and broken token with the step and field it is in', () => {
    const problems = sequenceStepProblems([
      { channel: 'sms', waitAmount: 0, waitUnit: 'days', body: 'Hi {{first_name}}' },
      { channel: 'email', waitAmount: 1, waitUnit: 'days', subject: 'For {{frist_name}}', body: 'Budget {{custom.budget}} {{total}} {{oops' },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['steps.1.subject', 'steps.1.body', 'steps.1.body']);
    expect(problems[0]!.message).toMatch(/unknown variable "frist_name"/);
    // {{total}} belongs to quote templates, not to sequences.
    expect(problems.some((p) => p.token === '{{total}}')).toBe(true);
  });

  it('is empty for steps that only use known variables or a saved template', () => {
    expect(
      sequenceStepProblems([
        { channel: 'sms', waitAmount: 0, waitUnit: 'days', body: 'Hi {{first_name|there}} from {{business_name}}, re {{custom.service}}' },
        { channel: 'sms', waitAmount: 1, waitUnit: 'days', templateId: 'tpl_1' },
      ]),
    ).toEqual([]);
  });
});
