'use client';

import { Trash2Icon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { Channel } from '../../../domain/channels';
import type { ContactView } from '../../../domain/schemas/contact';
import type { TemplateView } from '../../../domain/schemas/template';
import { knownVariables, usedVariables, VARIABLE_SOURCES } from '../../../domain/templates';
import { errorMessage } from '../../lib/api-error';
import { roleAtLeast } from '../../lib/roles';
import { useApiQuery } from '../../lib/use-api';
import { ConfirmDialog } from '../confirm-dialog';
import { ErrorState } from '../error-state';
import { FormError } from '../form-error';
import { PageHeader } from '../page-header';
import { ContactPicker } from '../sequences/contact-picker';
import { TableLoading } from '../settings/table-loading';
import { useMe } from '../shell/me-context';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import { FormField } from '../ui/form-field';
import { Input } from '../ui/input';
import { Label } from '../ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { toast } from '../ui/sonner';
import { Textarea } from '../ui/textarea';
import { templateApi } from './template-api';

const sourceOf = (variable: string) => VARIABLE_SOURCES[variable] ?? (variable.startsWith('custom.') ? `the contact’s custom field “${variable.slice(7)}”` : 'not a variable Herald knows');

/** A template to make (no id) or change, with its text rendered live for a contact you pick. */
export function TemplateEditor({ templateId }: { templateId?: string }) {
  const loaded = useApiQuery(templateId ? `template:${templateId}` : null, (signal) => templateApi.get(templateId!, signal));
  if (templateId && loaded.error && !loaded.data) {
    return (
      <div className="mx-auto grid w-full max-w-5xl gap-6 p-4 sm:p-6">
        <ErrorState title="Could not load this template" error={loaded.error} onRetry={loaded.reload} />
      </div>
    );
  }
  if (templateId && !loaded.data) {
    return (
      <div className="mx-auto grid w-full max-w-5xl gap-6 p-4 sm:p-6">
        <TableLoading label="Loading the template" />
      </div>
    );
  }
  return <EditorForm template={loaded.data?.template ?? null} />;
}

function EditorForm({ template }: { template: TemplateView | null }) {
  const { data: me } = useMe();
  const router = useRouter();
  const canEdit = roleAtLeast(me.role, 'admin');
  const [name, setName] = useState(template?.name ?? '');
  const [channel, setChannel] = useState<Channel>(template?.channel ?? 'sms');
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [contentSid, setContentSid] = useState(template?.contentSid ?? '');
  const [contact, setContact] = useState<ContactView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);

  // The preview follows the text as it is typed (a short pause first), for the contact picked.
  const [debounced, setDebounced] = useState({ subject, body });
  useEffect(() => {
    const t = setTimeout(() => setDebounced({ subject, body }), 300);
    return () => clearTimeout(t);
  }, [subject, body]);
  const preview = useApiQuery(contact && debounced.body.trim() ? `preview:${contact.id}:${channel}:${debounced.subject}:${debounced.body}` : null, (signal) =>
    templateApi.preview({ contactId: contact!.id, channel, body: debounced.body, ...(channel === 'email' && debounced.subject ? { subject: debounced.subject } : {}) }, signal),
  );
  const used = usedVariables(`${channel === 'email' ? subject : ''} ${body}`);
  const missing = new Set((preview.data?.preview.problems ?? []).filter((p) => p.code === 'missing_value').map((p) => p.token));

  const insert = (variable: string) => {
    const token = `{{${variable}}}`;
    const el = bodyRef.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    setBody(`${body.slice(0, start)}${token}${body.slice(end)}`);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const fields = { name: name.trim(), body, ...(channel === 'email' ? { subject } : {}), ...(channel === 'whatsapp' ? { contentSid: contentSid.trim() || null } : {}) };
      if (template) {
        await templateApi.update(template.id, fields);
        toast.success('Template saved.');
        router.refresh();
      } else {
        const { contentSid: sid, ...rest } = fields as typeof fields & { contentSid?: string | null };
        const created = await templateApi.create({ ...rest, channel, ...(sid ? { contentSid: sid } : {}) });
        toast.success('Template created.');
        router.push(`/templates/${encodeURIComponent(created.template.id)}`);
      }
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      await templateApi.remove(template!.id);
      toast.success(`${template!.name} was deleted.`);
      router.push('/templates');
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  return (
    <div className="mx-auto grid w-full max-w-5xl gap-6 p-4 sm:p-6">
      <PageHeader
        title={template ? template.name : 'New template'}
        description={canEdit ? 'Plain text with {{variables}}, filled in for each contact.' : 'Only admins change templates; you can preview it for any contact.'}
        actions={
          template &&
          canEdit && (
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <Trash2Icon aria-hidden="true" />
                  Delete
                </Button>
              }
              title={`Delete ${template.name}?`}
              description="Sequences that use it keep their published copy; a draft that uses it must choose another first."
              confirmLabel="Delete"
              onConfirm={remove}
            />
          )
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <form onSubmit={(e) => void save(e)} className="grid min-w-0 content-start gap-4" noValidate>
          <Card>
            <CardContent className="grid gap-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField label="Name">
                  <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} disabled={!canEdit} />
                </FormField>
                <div className="grid gap-2">
                  <Label htmlFor="template-channel">Channel</Label>
                  <Select value={channel} onValueChange={(v) => setChannel(v as Channel)} disabled={!canEdit || template !== null}>
                    <SelectTrigger id="template-channel" className="w-full">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value="sms">SMS</SelectItem>
                      <SelectItem value="whatsapp">WhatsApp</SelectItem>
                      <SelectItem value="email">Email</SelectItem>
                    </SelectContent>
                  </Select>
                </div>
              </div>
              {channel === 'email' && (
                <FormField label="Subject">
                  <Input value={subject} onChange={(e) => setSubject(e.target.value)} disabled={!canEdit} />
                </FormField>
              )}
              <div className="grid gap-2">
                <Label htmlFor="template-body">Text</Label>
                <Textarea id="template-body" ref={bodyRef} value={body} onChange={(e) => setBody(e.target.value)} rows={6} disabled={!canEdit} data-testid="template-body" />
                {canEdit && (
                  <div className="flex flex-wrap gap-1" aria-label="Insert a variable" role="group">
                    {knownVariables('contact')
                      .filter((v) => !v.includes('<'))
                      .map((v) => (
                        <Button key={v} type="button" size="sm" variant="outline" className="h-7 font-mono text-xs" onClick={() => insert(v)}>
                          {`{{${v}}}`}
                        </Button>
                      ))}
                  </div>
                )}
              </div>
              {channel === 'whatsapp' && (
                <FormField label="Content SID (approved by WhatsApp)" hint="HX followed by 32 characters, from Twilio’s Content Template Builder. With it, the template can go outside the 24-hour window.">
                  <Input value={contentSid} onChange={(e) => setContentSid(e.target.value)} placeholder="HX…" disabled={!canEdit} className="font-mono" />
                </FormField>
              )}
            </CardContent>
          </Card>
          <FormError error={error} />
          {canEdit && (
            <div className="flex justify-end gap-2">
              <Button type="button" variant="outline" onClick={() => router.push('/templates')}>
                Cancel
              </Button>
              <Button type="submit" disabled={saving}>
                {saving ? 'Saving…' : template ? 'Save' : 'Create template'}
              </Button>
            </div>
          )}
        </form>
        <div className="grid min-w-0 content-start gap-4">
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Preview</CardTitle>
              <CardDescription>The text as this contact would read it.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-3">
              <ContactPicker label="Preview for" value={contact} onChange={setContact} placeholder="Choose a contact" />
              {!contact ? (
                <p className="text-sm text-muted-foreground">Choose a contact to see the text filled in.</p>
              ) : preview.error ? (
                <p className="text-sm text-destructive">{errorMessage(preview.error)}</p>
              ) : !preview.data ? (
                <p className="text-sm text-muted-foreground" role="status">
                  Rendering…
                </p>
              ) : (
                <div className="grid gap-2" data-testid="template-preview">
                  {preview.data.preview.subject && <p className="font-medium">{preview.data.preview.subject}</p>}
                  {preview.data.preview.body !== null && <p className="rounded-lg bg-muted p-3 text-sm whitespace-pre-wrap">{preview.data.preview.body}</p>}
                  {preview.data.preview.problems.length > 0 && (
                    <ul className="grid gap-1 text-sm text-destructive" data-testid="template-problems">
                      {preview.data.preview.problems.map((p) => (
                        <li key={`${p.code}:${p.token}`}>
                          <span className="font-mono">{p.token}</span>: {p.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Variables in this text</CardTitle>
            </CardHeader>
            <CardContent>
              {used.length === 0 ? (
                <p className="text-sm text-muted-foreground">None yet: insert one from the buttons under the text.</p>
              ) : (
                <ul className="grid gap-2 text-sm" data-testid="template-variables">
                  {used.map((v) => (
                    <li key={v} className="grid gap-0.5">
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="font-mono break-all">{`{{${v}}}`}</span>
                        {[...missing].some((t) => t.includes(v)) && <Badge variant="destructive">missing for this contact</Badge>}
                      </span>
                      <span className="text-xs text-muted-foreground">{sourceOf(v)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
