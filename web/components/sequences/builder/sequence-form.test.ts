import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { emptySequenceForm, sequenceFormResolver, serverFieldErrors, toFormValues, toSequenceInput, type SequenceFormValues } from './sequence-form';

const resolve = (values: SequenceFormValues) => sequenceFormResolver(values, undefined, { fields: {}, shouldUseNativeValidation: false });

const form = (steps: Partial<SequenceFormValues['steps'][number]>[], name = 'Leads'): SequenceFormValues => {
  const base = emptySequenceForm();
  return { ...base, name, steps: steps.map((s) => ({ ...base.steps[0]!, ...s })) };
};

describe('the builder form', () => {
  it('sends the API only what each step uses: a template step no text, a text step no template, a subject for email only', () => {
    const input = toSequenceInput(
      form([
        { source: 'template', templateId: 'tpl_1', body: 'left over', subject: 'left over' },
        { channel: 'sms', body: 'Hi {{first_name}}', subject: 'not for sms' },
        { channel: 'email', body: 'Hello', subject: 'Hi there' },
      ]),
    );
    expect(input.steps).toEqual([
      { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', templateId: 'tpl_1' },
      { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'Hi {{first_name}}' },
      { channel: 'email', waitAmount: 0, waitUnit: 'minutes', body: 'Hello', subject: 'Hi there' },
    ]);
  });

  it('turns the send window choice into the schema’s shape', () => {
    const values = emptySequenceForm();
    expect(toSequenceInput(values).settings.sendWindow).toBe('tenant');
    values.settings.sendWindowMode = 'custom';
    values.settings.sendWindow = { quietStart: '21:00', quietEnd: '08:30' };
    expect(toSequenceInput(values).settings.sendWindow).toEqual({ quietStart: '21:00', quietEnd: '08:30' });
  });

  it('passes a valid sequence through as the API input', async () => {
    const result = await resolve(form([{ body: 'Hi {{first_name|there}}' }]));
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({ name: 'Leads', steps: [{ channel: 'sms', body: 'Hi {{first_name|there}}' }], settings: { stopOnReply: true } });
  });

  it('puts each problem under its field: the schema’s, and the domain’s unknown variables', async () => {
    const { errors } = await resolve(
      form(
        [
          { body: 'Hi {{frist_name}}' },
          { waitAmount: Number.NaN, body: 'x' },
          { source: 'template', templateId: '' },
          { channel: 'email', body: 'No subject' },
        ],
        '',
      ),
    );
    const steps = errors.steps as unknown as Array<Record<string, { message: string }> | undefined>;
    expect(errors.name?.message).toBe('Name the sequence');
    expect(steps[0]?.body?.message).toMatch(/unknown variable "frist_name"/);
    expect(steps[1]?.waitAmount?.message).toBe('Enter how long to wait, as a whole number (0 for at once)');
    expect(steps[2]?.body?.message).toBe('a step needs a templateId or a body');
    expect(steps[3]?.subject?.message).toBe('an email step needs a subject');
  });

  it('starts from the draft, keeping a published step’s template as a template', () => {
    const noApproved = { approvedTemplateId: null, approvedContentSid: null };
    const version = {
      id: 'sqv_1',
      version: 1,
      publishedAt: '2026-11-20T10:00:00.000Z',
      settings: { stopOnReply: false, sendWindow: { quietStart: '20:00', quietEnd: '08:00' }, missingChannel: 'stop' as const, reenroll: 'never' as const },
      steps: [
        { position: 0, channel: 'sms' as const, waitAmount: 0, waitUnit: 'minutes' as const, templateId: 'tpl_1', subject: null, body: 'Frozen copy', ...noApproved },
        { position: 1, channel: 'email' as const, waitAmount: 2, waitUnit: 'business_days' as const, templateId: null, subject: 'S', body: 'B', ...noApproved },
        { position: 2, channel: 'whatsapp' as const, waitAmount: 1, waitUnit: 'days' as const, templateId: null, subject: null, body: 'Hi', approvedTemplateId: 'tpl_wa', approvedContentSid: `HX${'a'.repeat(32)}` },
      ],
    };
    const values = toFormValues({ id: 'seq_1', name: 'Leads', createdAt: '', updatedAt: '', published: version, draft: null, versions: [], stats: {} as never, temporalRunsUrl: '' });
    expect(values.settings).toMatchObject({ stopOnReply: false, sendWindowMode: 'custom', sendWindow: { quietStart: '20:00', quietEnd: '08:00' }, missingChannel: 'stop', reenroll: 'never' });
    expect(values.steps[0]).toMatchObject({ source: 'template', templateId: 'tpl_1', body: '' });
    expect(toSequenceInput(values).steps).toEqual([
      { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', templateId: 'tpl_1' },
      { channel: 'email', waitAmount: 2, waitUnit: 'business_days', body: 'B', subject: 'S' },
      // A WhatsApp step keeps the approved template it names for a closed window.
      { channel: 'whatsapp', waitAmount: 1, waitUnit: 'days', body: 'Hi', approvedTemplateId: 'tpl_wa' },
    ]);
    // A step moved off WhatsApp lets it go: only WhatsApp has the window.
    values.steps[2]!.channel = 'sms';
    expect(toSequenceInput(values).steps[2]).toEqual({ channel: 'sms', waitAmount: 1, waitUnit: 'days', body: 'Hi' });
  });

  it('reads where the API put its refusals: a 422’s problems, a 400’s issues, a 409 on the name', () => {
    const invalid = new ApiError('The sequence has 1 problem(s)', 'TEMPLATE_INVALID', 422, { details: { problems: [{ path: 'steps.1.body', token: '{{x}}', message: 'unknown variable "x"' }] } });
    expect(serverFieldErrors(invalid)).toEqual([{ path: 'steps.1.body', message: 'unknown variable "x"' }]);
    const validation = new ApiError('steps.0.waitAmount: too big', 'VALIDATION', 400, { issues: [{ path: 'steps.0.waitAmount', message: 'a wait is at most a year' }] });
    expect(serverFieldErrors(validation)).toEqual([{ path: 'steps.0.waitAmount', message: 'a wait is at most a year' }]);
    const taken = new ApiError('A sequence named "Leads" already exists', 'CONFLICT', 409);
    expect(serverFieldErrors(taken)).toEqual([{ path: 'name', message: 'A sequence named "Leads" already exists' }]);
  });
});
