import type { RequestHandler } from 'express';
import type { EventType } from '../../../domain/audit';
import { AssignThreadSchema, CreateNoteSchema, SetLabelsSchema, SnoozeThreadSchema } from '../../../domain/schemas/inbox';
import { createNote } from '../../../prisma/queries/notes/create-note';
import { changeThread, type ThreadChange } from '../../../prisma/queries/threads/change-thread';
import { getThreadOrThrow } from '../../../prisma/queries/threads/get-thread-or-throw';
import { markThreadRead } from '../../../prisma/queries/threads/mark-thread-read';
import { getMemberOrThrow } from '../../../prisma/queries/users/users';
import { tenantOf } from '../../http/authenticate';
import { toNoteView } from '../../inbox-views';
import { actorOf } from '../../http/actor';
import { memberIdOf, requireMember } from './caller';
import { threadSummary } from './thread-summary';

type Action = 'assign' | 'close' | 'reopen' | 'snooze' | 'labels';

/**
 * Assign, close, reopen, snooze and label: each one change to the thread, recorded in the event log with its
 * author, answered with the thread as it now is.
 */
export function changeThreadRoute(action: Action): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const threadId = String(req.params.id);
    let change: ThreadChange;
    let type: EventType;
    let data: Record<string, unknown> = {};
    switch (action) {
      case 'assign': {
        const { userId } = AssignThreadSchema.parse(req.body);
        const member = userId ? await getMemberOrThrow(db, userId) : null;
        change = { assigneeId: userId };
        type = userId ? 'thread.assigned' : 'thread.unassigned';
        data = { assigneeId: userId, assigneeName: member?.name ?? null };
        break;
      }
      case 'close':
        change = { status: 'closed', snoozedUntil: null };
        type = 'thread.closed';
        break;
      case 'reopen':
        change = { status: 'open', snoozedUntil: null };
        type = 'thread.reopened';
        break;
      case 'snooze': {
        const { until } = SnoozeThreadSchema.parse(req.body);
        change = { status: 'open', snoozedUntil: new Date(until) };
        type = 'thread.snoozed';
        data = { until: new Date(until).toISOString() };
        break;
      }
      case 'labels': {
        const { labels } = SetLabelsSchema.parse(req.body);
        change = { labels };
        type = 'thread.labelled';
        data = { labels };
        break;
      }
    }
    await changeThread(db, threadId, change, { type, actor: actorOf(res), data });
    res.json({ thread: await threadSummary(db, threadId, memberIdOf(res)) });
  };
}

/** The calling member has read the thread: their unread count for it goes to 0. */
export function readThreadRoute(): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const threadId = String(req.params.id);
    await getThreadOrThrow(db, threadId);
    const userId = requireMember(res, 'Read state');
    await markThreadRead(db, threadId, userId, new Date());
    res.json({ thread: await threadSummary(db, threadId, userId) });
  };
}

export function createNoteRoute(): RequestHandler {
  return async (req, res) => {
    const input = CreateNoteSchema.parse(req.body);
    const { db } = tenantOf(res);
    const note = await createNote(db, String(req.params.id), { body: input.body, visibility: input.visibility, authorId: memberIdOf(res), actor: actorOf(res) });
    res.status(201).json({ note: toNoteView(note) });
  };
}
