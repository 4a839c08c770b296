import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ChannelSchema } from '../../../domain/channels';
import { normalizePhone } from '../../../domain/phone';
import { addSenderAddress, listSenderAddresses } from '../../../prisma/queries/sender-addresses/sender-addresses';
import { tenantOf } from '../../http/authenticate';

const CreateSchema = z
  .object({ channel: ChannelSchema, address: z.string().trim().min(3).max(320) })
  .strict()
  .transform((v, ctx) => {
    if (v.channel === 'email') {
      if (!z.email().safeParse(v.address).success) ctx.addIssue({ code: 'custom', path: ['address'], message: 'address must be an email' });
      return { ...v, address: v.address.toLowerCase() };
    }
    const phone = normalizePhone(v.address.replace(/^whatsapp:/, ''));
    if (!phone) ctx.addIssue({ code: 'custom', path: ['address'], message: 'address must be an E.164 phone number' });
    return { ...v, address: phone ?? v.address };
  });

/** The tenant's own numbers: Twilio webhooks find their tenant by the number a message was sent to. */
export function addSenderAddressRoute(): RequestHandler {
  return async (req, res) => {
    const row = await addSenderAddress(tenantOf(res).db, CreateSchema.parse(req.body));
    res.status(201).json({ senderAddress: row });
  };
}

export function listSenderAddressesRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ senderAddresses: await listSenderAddresses(tenantOf(res).db) });
  };
}
