import type { RequestHandler } from 'express';
import { IdParamsSchema } from '../../../domain/schemas/common';
import { CreateSenderAddressSchema, type SenderAddressView } from '../../../domain/schemas/sender-address';
import { senderKind } from '../../../domain/senders';
import {
  addSenderAddress,
  listSenderAddresses,
  removeSenderAddress,
  setDefaultSender,
  type SenderAddressRow,
} from '../../../prisma/queries/sender-addresses/sender-addresses';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';

function toView(row: SenderAddressRow): SenderAddressView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    channel: row.channel,
    address: row.address,
    kind: senderKind(row.channel, row.address),
    displayName: row.displayName,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The tenant's own senders: sends use each channel's default, and inbound messages find the tenant by them. */
export function addSenderAddressRoute(): RequestHandler {
  return async (req, res) => {
    const row = await addSenderAddress(tenantOf(res).db, CreateSenderAddressSchema.parse(req.body), actorOf(res));
    res.status(201).json({ senderAddress: toView(row) });
  };
}

export function listSenderAddressesRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ senderAddresses: (await listSenderAddresses(tenantOf(res).db)).map(toView) });
  };
}

export function setDefaultSenderRoute(): RequestHandler {
  return async (req, res) => {
    const { id } = IdParamsSchema.parse(req.params);
    res.json({ senderAddress: toView(await setDefaultSender(tenantOf(res).db, id, actorOf(res))) });
  };
}

export function removeSenderAddressRoute(): RequestHandler {
  return async (req, res) => {
    const { id } = IdParamsSchema.parse(req.params);
    await removeSenderAddress(tenantOf(res).db, id, actorOf(res));
    res.status(204).end();
  };
}
