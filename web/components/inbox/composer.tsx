'use client';

import { CalendarClockIcon, FileTextIcon, LockIcon, MessageSquareTextIcon, SendIcon, XIcon } from 'lucide-react';
import { useRef, useState } from 'react';
import { givenValueProblems, numberedVariables, renderNumbered, variableValueProblem } from '../../../domain/approved-templates';
import type { Channel } from '../../../domain/channels';
import type { ComposerTemplate, ComposerView } from '../../../domain/schemas/inbox';
import type { Query } from '../../lib/use-api';
import { cn } from '../../lib/utils';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from '../ui/command';
import { DateTimePicker } from '../ui/date-time-picker';
import { FormField } from '../ui/form-field';
import { Input } from '../ui/input';
import { Popover, PopoverAnchor, PopoverContent, PopoverTrigger } from '../ui/popover';
import { Textarea } from '../ui/textarea';
import { Tooltip, TooltipContent, TooltipTrigger } from '../ui/tooltip';
import { CHANNEL_LABELS, ChannelIcon } from './channel-icon';
import { whenInZones } from './scheduled-messages';

export type ComposerMode = 'reply' | 'note';
export interface ComposerSubmit {
  mode: ComposerMode;
  body: string;
  channel: Channel;
  subject?: string;
  template?: ComposerTemplate;
  /** An approved WhatsApp template's numbered values, as the agent left them. */
  variables?: Record<string, string>;
  sendAt?: Date;
  visibility: 'private' | 'public';
}

/**
 * The values of an approved WhatsApp template's numbered variables, one labelled field each, prefilled with the
 * contact's; an empty or unsendable one is flagged (the send waits for it).
 */
function TemplateVariables({ template, values, onChange }: { template: ComposerTemplate; values: Record<string, string>; onChange: (number: string, value: string) => void }) {
  return (
    <fieldset className="grid grid-cols-2 gap-x-2 gap-y-1.5" data-testid="template-variables">
      <legend className="mb-1 text-xs text-muted-foreground">Values WhatsApp puts in the approved text</legend>
      {(template.variables ?? []).map((v) => {
        const value = values[v.number] ?? '';
        const problem = variableValueProblem(value);
        const error = problem === null ? undefined : value.trim() === '' ? (v.value === null ? 'This contact has no value: fill it in' : 'Fill it in') : `It ${problem}`;
        return (
          <FormField
            key={v.number}
            className="gap-1"
            label={
              <>
                <span className="font-mono text-xs text-muted-foreground">{`{{${v.number}}}`}</span>{' '}
                {v.name}
              </>
            }
            error={error}
          >
            <Input value={value} onChange={(e) => onChange(v.number, e.target.value)} className="h-8" data-testid="template-variable" data-missing={v.value === null ? 'true' : undefined} />
          </FormField>
        );
      })}
    </fieldset>
  );
}

/** An approved template's text with the agent's values in place; a value still missing is marked by its name. */
function TemplatePreview({ text, values }: { text: string; values: Record<string, string> }) {
  // A character no value holds splits the text around the missing ones, so each can be marked.
  const CUT = '\u0000';
  const placed = Object.fromEntries(numberedVariables(text).map((v) => [v.number, values[v.number]?.trim() ? values[v.number]! : `${CUT}${v.name}${CUT}`]));
  return renderNumbered(text, placed)
    .split(CUT)
    .map((part, i) =>
      i % 2 === 1 ? (
        <mark key={i} className="rounded-sm bg-destructive/10 px-1 text-destructive">
          {part}
        </mark>
      ) : (
        part
      ),
    );
}

function TemplatePicker({ templates, channel, onPick }: { templates: ComposerTemplate[]; channel: Channel; onPick: (t: ComposerTemplate) => void }) {
  const [open, setOpen] = useState(false);
  const fitting = templates.filter((t) => t.channel === channel);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="sm" disabled={fitting.length === 0} title={fitting.length === 0 ? `No ${CHANNEL_LABELS[channel]} templates` : undefined}>
          <FileTextIcon aria-hidden="true" />
          Templates
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-96 p-0" align="start" aria-label="Templates">
        <Command>
          <CommandInput placeholder="Find a template" />
          <CommandList>
            <CommandEmpty>No template matches.</CommandEmpty>
            <CommandGroup heading={`${CHANNEL_LABELS[channel]} templates`}>
              {fitting.map((t) => (
                <CommandItem
                  key={t.id}
                  value={`${t.name} ${t.body}`}
                  onSelect={() => {
                    onPick(t);
                    setOpen(false);
                  }}
                  data-testid="template-option"
                >
                  <div className="grid min-w-0 gap-0.5">
                    <span className="flex items-center gap-2 font-medium">
                      {t.name}
                      {t.approvedWhatsApp && <Badge variant="success">Approved</Badge>}
                      {t.missing.length > 0 && (t.variables ? <Badge variant="warning">{t.missing.length} to fill in</Badge> : <Badge variant="destructive">{t.missing.length} missing</Badge>)}
                    </span>
                    <span className="line-clamp-2 text-xs text-muted-foreground">{t.rendered ?? t.body}</span>
                  </div>
                </CommandItem>
              ))}
            </CommandGroup>
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}

/**
 * The reply box: channel (each one disabled with the API's reason), a reply or a note (private or public),
 * canned replies by typing `/` or from the menu, templates with their variables filled in for this contact,
 * send now or at a time (the agent's zone, the contact's shown too). Cmd/Ctrl+Enter sends.
 */
export function Composer({
  composer,
  agentZone,
  onSubmit,
  busy,
}: {
  composer: Query<ComposerView>;
  agentZone: string;
  onSubmit: (input: ComposerSubmit) => Promise<boolean>;
  busy: boolean;
}) {
  const channels = composer.data?.channels ?? [];
  const [channel, setChannel] = useState<Channel | null>(null);
  const active = channels.find((c) => c.channel === channel) ?? channels[0];
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [visibility, setVisibility] = useState<'private' | 'public'>('private');
  const [body, setBody] = useState('');
  const [subject, setSubject] = useState('');
  const [template, setTemplate] = useState<ComposerTemplate | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [later, setLater] = useState<Date | null>(null);
  const [laterOpen, setLaterOpen] = useState(false);
  const [slashOpen, setSlashOpen] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const contactZone = composer.data?.contactTimeZone ?? agentZone;
  const templatesOnly = mode === 'reply' && active?.templatesOnly === true;
  const blocked = mode === 'reply' && active !== undefined && !active.available && !active.templatesOnly;
  const canned = composer.data?.cannedReplies ?? [];
  const slash = body.startsWith('/') && !body.includes(' ') ? body.slice(1).toLowerCase() : null;

  const pickTemplate = (t: ComposerTemplate | null) => {
    setTemplate(t);
    setValues(Object.fromEntries((t?.variables ?? []).map((v) => [v.number, v.value ?? ''])));
  };
  // An approved template goes with the agent's values (prefilled with the contact's); any other with the contact's only.
  const numbered = template?.variables ? template : null;
  const valueProblems = numbered ? givenValueProblems(numberedVariables(numbered.body), values) : [];
  const templateText = numbered ? renderNumbered(numbered.body, values) : (template?.rendered ?? '');
  const templateReady = numbered ? valueProblems.length === 0 : template !== null && template.missing.length === 0;
  const reset = () => {
    setBody('');
    setSubject('');
    pickTemplate(null);
    setLater(null);
  };
  const submit = async () => {
    if (busy || !active) return;
    if (mode === 'reply' && (blocked || (templatesOnly && !template?.approvedWhatsApp))) return;
    const text = template ? templateText : body.trim();
    if (!text || (template && !templateReady)) return;
    const ok = await onSubmit({
      mode,
      body: text,
      channel: active.channel,
      visibility,
      ...(subject.trim() ? { subject: subject.trim() } : {}),
      ...(template ? { template } : {}),
      ...(numbered ? { variables: values } : {}),
      ...(later ? { sendAt: later } : {}),
    });
    if (ok) reset();
  };
  const insertCanned = (text: string) => {
    setBody(text);
    setSlashOpen(false);
    textRef.current?.focus();
  };

  const sendLabel = mode === 'note' ? 'Add note' : later ? 'Schedule' : 'Send';
  const missing = template?.missing ?? [];

  return (
    <div className={cn('border-t bg-background p-3', mode === 'note' && 'bg-warning/5')} data-testid="composer">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <div role="radiogroup" aria-label="Write" className="flex rounded-md bg-muted p-0.5">
          {(['reply', 'note'] as const).map((m) => (
            <Button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              variant="ghost"
              size="sm"
              className={cn('h-7 text-xs', mode === m && 'bg-background shadow-xs hover:bg-background')}
              onClick={() => setMode(m)}
              data-testid={`mode-${m}`}
            >
              {m === 'note' && <LockIcon className="size-3" aria-hidden="true" />}
              {m === 'reply' ? 'Reply' : 'Note'}
            </Button>
          ))}
        </div>
        {mode === 'reply' ? (
          <div role="radiogroup" aria-label="Channel" className="flex gap-1">
            {channels.map((c) => {
              const selected = c.channel === active?.channel;
              const button = (
                <Button
                  type="button"
                  role="radio"
                  aria-checked={selected}
                  variant={selected ? 'secondary' : 'ghost'}
                  size="sm"
                  aria-disabled={!c.available && !c.templatesOnly ? true : undefined}
                  className={cn(!c.available && !c.templatesOnly && 'opacity-50')}
                  onClick={() => (c.available || c.templatesOnly) && (setChannel(c.channel), pickTemplate(null))}
                  data-testid={`channel-${c.channel}`}
                >
                  <ChannelIcon channel={c.channel} />
                  {CHANNEL_LABELS[c.channel]}
                </Button>
              );
              return c.message ? (
                <Tooltip key={c.channel}>
                  <TooltipTrigger asChild>{button}</TooltipTrigger>
                  <TooltipContent>{c.message}</TooltipContent>
                </Tooltip>
              ) : (
                <span key={c.channel}>{button}</span>
              );
            })}
          </div>
        ) : (
          <div role="radiogroup" aria-label="Who sees the note" className="flex gap-1">
            {(['private', 'public'] as const).map((v) => (
              <Button key={v} type="button" role="radio" aria-checked={visibility === v} variant={visibility === v ? 'secondary' : 'ghost'} size="sm" onClick={() => setVisibility(v)}>
                {v === 'private' ? 'Private (team only)' : 'Public'}
              </Button>
            ))}
          </div>
        )}
      </div>

      {mode === 'reply' && active?.message && (
        <p className="mb-2 text-xs text-muted-foreground" data-testid="channel-reason">
          {active.message}
          {templatesOnly ? ' Pick an approved template to write to them.' : ''}
        </p>
      )}

      {mode === 'reply' && active?.channel === 'email' && (
        <Input value={subject} onChange={(e) => setSubject(e.target.value)} placeholder="Subject (the last one when empty)" aria-label="Subject" className="mb-2 h-8" />
      )}

      {template ? (
        <div className="mb-2 grid gap-1 rounded-md border bg-muted/40 p-2 text-sm" data-testid="template-preview">
          <div className="flex items-center justify-between gap-2">
            <span className="font-medium">Template: {template.name}</span>
            <Button variant="ghost" size="icon" className="size-7" aria-label="Remove the template" onClick={() => pickTemplate(null)}>
              <XIcon aria-hidden="true" />
            </Button>
          </div>
          <p className="whitespace-pre-wrap" data-testid="template-text">
            {numbered ? <TemplatePreview text={numbered.body} values={values} /> : (template.rendered ?? template.body)}
          </p>
          {numbered && numbered.variables!.length > 0 && <TemplateVariables template={numbered} values={values} onChange={(n, v) => setValues((old) => ({ ...old, [n]: v }))} />}
          {!numbered && missing.length > 0 && (
            <p className="text-xs text-destructive" data-testid="template-missing">
              This contact has no value for {missing.join(', ')}: fill it in on the contact first, or pick another template.
            </p>
          )}
        </div>
      ) : (
        <Popover open={slashOpen || slash !== null} onOpenChange={(o) => !o && (setSlashOpen(false), slash !== null && setBody(''))}>
          <PopoverAnchor asChild>
            <Textarea
              ref={textRef}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
                  e.preventDefault();
                  void submit();
                }
              }}
              placeholder={mode === 'note' ? 'Write a note for your team…' : blocked || templatesOnly ? 'Free text cannot be sent on this channel now' : 'Write a reply… (type / for canned replies)'}
              aria-label={mode === 'note' ? 'Note' : 'Reply'}
              disabled={blocked || templatesOnly}
              rows={2}
              className="max-h-48 min-h-14 resize-y sm:min-h-20"
              data-testid="composer-text"
            />
          </PopoverAnchor>
          <PopoverContent className="w-80 p-0" align="start" aria-label="Canned replies" onOpenAutoFocus={(e) => e.preventDefault()}>
            <Command filter={(value, search) => (value.toLowerCase().includes(search.toLowerCase()) ? 1 : 0)}>
              <CommandInput placeholder="Find a canned reply" {...(slash !== null ? { value: slash, onValueChange: (v: string) => setBody(`/${v}`) } : {})} />
              <CommandList>
                <CommandEmpty>No canned reply matches.</CommandEmpty>
                <CommandGroup heading="Canned replies">
                  {canned.map((c) => (
                    <CommandItem key={c.id} value={`${c.shortcut} ${c.body}`} onSelect={() => insertCanned(c.body)} data-testid="canned-option">
                      <div className="grid min-w-0">
                        <span className="font-medium">/{c.shortcut}</span>
                        <span className="truncate text-xs text-muted-foreground">{c.body}</span>
                      </div>
                    </CommandItem>
                  ))}
                </CommandGroup>
              </CommandList>
            </Command>
          </PopoverContent>
        </Popover>
      )}

      <div className="mt-2 flex flex-wrap items-center gap-1">
        {mode === 'reply' && (
          <>
            <Button variant="ghost" size="sm" onClick={() => setSlashOpen(true)} disabled={blocked || templatesOnly || canned.length === 0}>
              <MessageSquareTextIcon aria-hidden="true" />
              Canned
            </Button>
            <TemplatePicker templates={(composer.data?.templates ?? []).filter((t) => !templatesOnly || t.approvedWhatsApp)} channel={active?.channel ?? 'sms'} onPick={pickTemplate} />
            <Popover open={laterOpen} onOpenChange={setLaterOpen}>
              <PopoverTrigger asChild>
                <Button variant={later ? 'secondary' : 'ghost'} size="sm" disabled={blocked}>
                  <CalendarClockIcon aria-hidden="true" />
                  {later ? 'Change time' : 'Send later'}
                </Button>
              </PopoverTrigger>
              <PopoverContent className="w-auto" align="start" aria-label="Send later">
                <div className="grid gap-2">
                  <p className="text-sm font-medium">Send at (your zone, {agentZone})</p>
                  <DateTimePicker value={later} onChange={setLater} fromDate={new Date()} label="Send day" />
                  {later && <p className="text-xs text-muted-foreground">{whenInZones(later, agentZone, contactZone)}</p>}
                  <div className="flex justify-end gap-2">
                    {later && (
                      <Button variant="ghost" size="sm" onClick={() => (setLater(null), setLaterOpen(false))}>
                        Send now instead
                      </Button>
                    )}
                    <Button size="sm" onClick={() => setLaterOpen(false)} disabled={!later}>
                      Done
                    </Button>
                  </div>
                </div>
              </PopoverContent>
            </Popover>
          </>
        )}
        {later && mode === 'reply' && (
          <span className="text-xs text-muted-foreground" data-testid="send-at">
            {whenInZones(later, agentZone, contactZone)}
          </span>
        )}
        <Button
          className="ml-auto"
          size="sm"
          onClick={() => void submit()}
          disabled={busy || (mode === 'reply' && (blocked || (templatesOnly && !template?.approvedWhatsApp))) || (template ? !templateReady : !body.trim())}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          <SendIcon aria-hidden="true" />
          {sendLabel}
        </Button>
      </div>
    </div>
  );
}
