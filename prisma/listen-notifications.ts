import pg from 'pg';

export interface NotificationListener {
  close(): Promise<void>;
}

/**
 * One dedicated connection that LISTENs on a channel (outside Prisma's pool: a pooled connection would be
 * handed to other queries). `onNotify` gets each payload; `onLost` is told once when the connection fails, so
 * the owner can connect again and catch up on what it may have missed meanwhile.
 */
export async function listenForNotifications(
  databaseUrl: string,
  channel: string,
  handlers: { onNotify: (payload: string) => void; onLost: (error: Error) => void },
): Promise<NotificationListener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
  let closing = false;
  let lost = false;
  const fail = (error: Error) => {
    if (closing || lost) return;
    lost = true;
    handlers.onLost(error);
    void client.end().catch(() => undefined);
  };
  client.on('error', fail);
  client.on('end', () => fail(new Error('the LISTEN connection ended')));
  client.on('notification', (message) => {
    if (message.channel === channel) handlers.onNotify(message.payload ?? '');
  });
  await client.connect();
  await client.query(`LISTEN ${channel}`);
  return {
    async close() {
      closing = true;
      await client.end().catch(() => undefined);
    },
  };
}
