import net from 'node:net';

export interface PortClaim {
  port: number;
  what: string;
  envVar: string;
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRNOTAVAIL'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Every port the launcher will bind, checked before anything starts — on loopback, on every interface and on
 * the address the servers will listen on. Returns the ones already taken.
 */
export async function takenPorts(claims: PortClaim[], bindAddress: string): Promise<PortClaim[]> {
  const hosts = [...new Set(['127.0.0.1', '0.0.0.0', bindAddress])];
  const taken: PortClaim[] = [];
  for (const claim of claims) {
    let free = true;
    for (const host of hosts) free = free && (await canListen(claim.port, host));
    if (!free) taken.push(claim);
  }
  return taken;
}

export function describeTaken(taken: PortClaim[]): string {
  return taken
    .map(
      (c) =>
        `Port ${c.port} (${c.what}) is already in use. Stop whatever is using it, or choose another port, e.g. ` +
        `${c.envVar}=${c.port + 1} npm start`,
    )
    .join('\n');
}
