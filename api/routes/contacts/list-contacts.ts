import type { RequestHandler } from 'express';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../../domain/inbox';
import { BoardQuerySchema, ListContactsQuerySchema } from '../../../domain/schemas/contact';
import { contactBoard, listContacts as listContactsQuery } from '../../../prisma/queries/contacts/list-contacts';
import { listStages } from '../../../prisma/queries/pipeline-stages/pipeline-stages';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';
import { toStageView } from '../pipeline/pipeline-routes';
import { contactSelection } from './contact-selection';

export function listContacts(): RequestHandler {
  return async (req, res) => {
    const query = ListContactsQuerySchema.parse(req.query);
    const filter = await contactSelection(res, query);
    const page = await listContactsQuery(tenantOf(res).db, filter, { limit: query.limit, cursor: query.cursor ? decodeKeysetCursor(query.cursor) : undefined });
    res.json({ contacts: page.contacts.map(toContactView), nextCursor: page.next ? encodeKeysetCursor(page.next) : null });
  };
}

/** The pipeline board: every stage in order, then the contacts in none; counts and a first page each. */
export function contactBoardRoute(): RequestHandler {
  return async (req, res) => {
    const query = BoardQuerySchema.parse(req.query);
    const { db } = tenantOf(res);
    const filter = await contactSelection(res, query);
    const stages = await listStages(db);
    const columns = await contactBoard(db, filter, [...stages.map((s) => s.id), null], query.perStage);
    res.json({
      columns: columns.map((column) => {
        const stage = stages.find((s) => s.id === column.stageId);
        return {
          stage: stage ? toStageView(stage) : null,
          count: column.count,
          contacts: column.contacts.map(toContactView),
          nextCursor: column.next ? encodeKeysetCursor(column.next) : null,
        };
      }),
    });
  };
}
