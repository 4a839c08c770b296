import type { Actor } from '../../../domain/audit';
import type { Channel } from '../../../domain/channels';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { Prisma } from '../../client';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

const withDefault = { include: { defaults: { select: { channel: true } } } } as const;

type Row = Prisma.SenderAddressGetPayload<typeof withDefault>;
const flatten = ({ defaults, ...row }: Row) => ({ ...row, isDefault: defaults.length > 0 });
export type SenderAddressRow = ReturnType<typeof flatten>;

export async function listSenderAddresses(db: TenantDb): Promise<SenderAddressRow[]> {
  const rows = await db.senderAddress.findMany({ orderBy: { createdAt: 'asc' }, ...withDefault });
  return rows.map(flatten);
}

async function getSenderAddressOrThrow(tx: TenantTx, id: string): Promise<SenderAddressRow> {
  const row = await tx.senderAddress.findFirst({ where: { id }, ...withDefault });
  if (!row) throw new AppError(ErrorCodes.NOT_FOUND, `Sender address ${id} not found`);
  return flatten(row);
}

async function makeDefault(tx: TenantTx, sender: { id: string; channel: Channel }): Promise<void> {
  const tenantId = tx.$tenantId();
  await tx.defaultSender.upsert({
    where: { tenantId_channel: { tenantId, channel: sender.channel } },
    create: { tenantId, channel: sender.channel, senderAddressId: sender.id },
    update: { senderAddressId: sender.id, updatedAt: new Date() },
  });
}

/**
 * A sender routes inbound messages to exactly one tenant, so it can be registered only once — by this tenant or
 * any other (409 either way, naming no tenant). `isDefault` makes it the channel's default in the same transaction.
 * Recorded with who added it, when added through the API (`actor`).
 */
export async function addSenderAddress(
  db: TenantDb,
  input: { channel: Channel; address: string; displayName?: string | null; isDefault?: boolean },
  actor?: Actor,
): Promise<SenderAddressRow> {
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.senderAddress.create({
        data: { tenantId: tx.$tenantId(), channel: input.channel, address: input.address, displayName: input.displayName ?? null },
      });
      if (input.isDefault) await makeDefault(tx, created);
      if (actor) {
        await recordEvent(tx, {
          type: 'sender_address.added',
          subjectType: 'sender_address',
          subjectId: created.id,
          actor,
          data: { channel: created.channel, address: created.address, isDefault: Boolean(input.isDefault) },
        });
      }
      return getSenderAddressOrThrow(tx, created.id);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError(ErrorCodes.CONFLICT, `${input.address} is already registered as a ${input.channel} sender`);
    }
    throw error;
  }
}

/** Sends on the sender's channel use it from now on; the channel's previous default stays registered. Recorded with who did it. */
export async function setDefaultSender(db: TenantDb, id: string, actor: Actor): Promise<SenderAddressRow> {
  return db.$transaction(async (tx) => {
    const sender = await getSenderAddressOrThrow(tx, id);
    await makeDefault(tx, sender);
    await recordEvent(tx, { type: 'sender_address.made_default', subjectType: 'sender_address', subjectId: id, actor, data: { channel: sender.channel, address: sender.address } });
    return { ...sender, isDefault: true };
  });
}

/**
 * Removes a sender; when it was the channel's default, the default goes with it (a cascade) and sends fall back to
 * the shared sender. Messages it sent keep its address. Recorded with who removed it.
 */
export async function removeSenderAddress(db: TenantDb, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const sender = await getSenderAddressOrThrow(tx, id);
    await tx.senderAddress.deleteMany({ where: { id } });
    await recordEvent(tx, { type: 'sender_address.removed', subjectType: 'sender_address', subjectId: id, actor, data: { channel: sender.channel, address: sender.address } });
  });
}

/** The sender a send on this channel uses, or null: the server's shared sender then. */
export async function getDefaultSender(db: TenantTx, channel: Channel) {
  const row = await db.defaultSender.findFirst({ where: { channel }, select: { sender: true } });
  return row?.sender ?? null;
}

/** Whether this tenant registered this sender on this channel. */
export async function isTenantSender(db: TenantTx, channel: Channel, address: string): Promise<boolean> {
  return (await db.senderAddress.count({ where: { channel, address } })) > 0;
}
