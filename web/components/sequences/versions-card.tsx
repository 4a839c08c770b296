'use client';

import { HistoryIcon } from 'lucide-react';
import type { SequenceView } from '../../../domain/schemas/sequence';
import { formatShort, parseIso, safeTimeZone } from '../../lib/format';
import { browserTimeZone } from '../../lib/auth-forms';
import { Badge } from '../ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { formatRate } from './sequence-words';

/** Every version with its own enrollments: running ones stay on the version they started on. */
export function VersionsCard({ sequence }: { sequence: SequenceView }) {
  const zone = safeTimeZone(browserTimeZone());
  const newestPublished = sequence.published?.id;
  return (
    <Card className="gap-4" aria-labelledby="versions-title" data-testid="versions-card">
      <CardHeader>
        <CardTitle id="versions-title" className="flex items-center gap-2">
          <HistoryIcon className="size-4" aria-hidden="true" />
          Versions
        </CardTitle>
        <CardDescription>New enrollments start on the newest published version; running ones keep theirs.</CardDescription>
      </CardHeader>
      <CardContent className="px-2 sm:px-4">
        <Table aria-label="Versions">
          <TableHeader>
            <TableRow>
              <TableHead>Version</TableHead>
              <TableHead className="text-right">Active</TableHead>
              <TableHead className="text-right">Done</TableHead>
              <TableHead className="text-right">Stopped</TableHead>
              <TableHead className="text-right">Replied</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sequence.versions.map((v) => {
              const published = parseIso(v.publishedAt);
              return (
                <TableRow key={v.id} data-testid="version-row">
                  <TableCell className="whitespace-normal">
                    <span className="flex flex-wrap items-center gap-1.5">
                      <span className="font-medium">v{v.version}</span>
                      {v.id === newestPublished ? <Badge variant="success">Live</Badge> : !published ? <Badge variant="outline">Draft</Badge> : null}
                    </span>
                    {published && <span className="block text-xs text-muted-foreground">{formatShort(published, zone)}</span>}
                  </TableCell>
                  <TableCell className="text-right tabular-nums" title={v.stats.paused ? `${v.stats.paused} paused` : undefined}>
                    {v.stats.active + v.stats.paused}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{v.stats.completed}</TableCell>
                  <TableCell className="text-right tabular-nums" title={v.stats.failed ? `${v.stats.failed} failed` : undefined}>
                    {v.stats.stopped + v.stats.failed}
                  </TableCell>
                  <TableCell className="text-right tabular-nums" title={v.stats.total ? `${v.stats.replied} of ${v.stats.total}` : undefined}>
                    {formatRate(v.stats.replyRate)}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
