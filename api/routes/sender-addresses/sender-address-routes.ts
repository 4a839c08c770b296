import type { RequestHandler } from 'express';
import { CreateSenderAddressSchema } from '../../../domain/schemas/sender-address';
import { addSenderAddress, listSenderAddresses } from '../../../prisma/queries/sender-addresses/sender-addresses';
import { tenantOf } from '../../http/authenticate';

/** The tenant's own numbers: Twilio webhooks find their tenant by the number a message was sent to. */
export function addSenderAddressRoute(): RequestHandler {
  return async (req, res) => {
    const row = await addSenderAddress(tenantOf(res).db, CreateSenderAddressSchema.parse(req.body));
    res.status(201).json({ senderAddress: row });
  };
}

export function listSenderAddressesRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ senderAddresses: await listSenderAddresses(tenantOf(res).db) });
  };
}
