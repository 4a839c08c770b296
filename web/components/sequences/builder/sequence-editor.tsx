'use client';

import { RocketIcon } from 'lucide-react';
import { useMemo } from 'react';
import type { SequenceView } from '../../../../domain/schemas/sequence';
import { roleAtLeast } from '../../../lib/roles';
import { useApiQuery } from '../../../lib/use-api';
import { ConfirmDialog } from '../../confirm-dialog';
import { ErrorState } from '../../error-state';
import { TableLoading } from '../../settings/table-loading';
import { useMe } from '../../shell/me-context';
import { Button } from '../../ui/button';
import { toast } from '../../ui/sonner';
import { SchedulePreview } from '../schedule-preview';
import { sequenceApi } from '../sequence-api';
import { useSequence } from '../sequence-context';
import { VersionsCard } from '../versions-card';
import { SequenceBuilder } from './sequence-builder';
import { toFormValues } from './sequence-form';
import { SequenceSummary } from './sequence-summary';

export function useTemplates() {
  return useApiQuery('templates', (signal) => sequenceApi.templates(signal));
}

function PublishButton({ sequence, dirty, onPublished }: { sequence: SequenceView; dirty: boolean; onPublished: (s: SequenceView) => void }) {
  const draft = sequence.draft;
  if (!draft) return null;
  const running = sequence.stats.active + sequence.stats.paused;
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="secondary" disabled={dirty} title={dirty ? 'Save your changes first' : undefined}>
          <RocketIcon aria-hidden="true" />
          Publish v{draft.version}
        </Button>
      }
      title={`Publish version ${draft.version}?`}
      description={
        <>
          New enrollments start on version {draft.version}, and it can no longer be changed (editing makes the next draft).
          {sequence.published
            ? ` ${running === 1 ? 'The 1 running enrollment stays' : `The ${running} running enrollments stay`} on the version ${running === 1 ? 'it' : 'they'} started on.`
            : ''}{' '}
          Saved templates’ text is copied into the steps as it is now.
        </>
      }
      confirmLabel={`Publish v${draft.version}`}
      confirmVariant="default"
      onConfirm={async () => {
        const { sequence: published } = await sequenceApi.publish(sequence.id);
        onPublished(published);
        toast.success(`Version ${draft.version} is published.`);
      }}
    />
  );
}

/** The builder of a saved sequence (its draft, or the published version to start the next draft from), its preview and versions. */
export function SequenceEditor() {
  const { data: me } = useMe();
  const { query, replace } = useSequence();
  const templates = useTemplates();
  const sequence = query.data!.sequence;
  const canEdit = roleAtLeast(me.role, 'admin');
  // The form starts from the sequence as loaded; later answers (save, publish) reset it from inside.
  const initial = useMemo(() => toFormValues(sequence), [sequence.id]);

  if (templates.error && !templates.data) return <ErrorState title="Could not load the templates" error={templates.error} onRetry={templates.reload} />;
  if (!templates.data) return <TableLoading label="Loading the builder" rows={4} />;

  const aside = ({ dirty }: { dirty: boolean }) => (
    <>
      <SchedulePreview sequence={sequence} unsaved={dirty} />
      <VersionsCard sequence={sequence} />
    </>
  );

  if (!canEdit) {
    return (
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)]">
        <SequenceSummary sequence={sequence} templates={templates.data.templates} />
        <aside className="grid min-w-0 gap-6" aria-label="Preview and versions">
          {aside({ dirty: false })}
        </aside>
      </div>
    );
  }

  return (
    <SequenceBuilder
      initial={initial}
      templates={templates.data.templates}
      submitLabel={sequence.draft ? `Save draft v${sequence.draft.version}` : `Save as draft v${sequence.versions[0]!.version + 1}`}
      onSave={async (input) => {
        const { sequence: saved } = await sequenceApi.update(sequence.id, input);
        replace(saved);
        toast.success(`Draft v${saved.draft?.version ?? ''} saved.`);
        return saved;
      }}
      aside={aside}
      extraActions={({ dirty }) => <PublishButton sequence={sequence} dirty={dirty} onPublished={replace} />}
    />
  );
}
