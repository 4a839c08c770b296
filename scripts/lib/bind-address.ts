import net from 'node:net';
import os from 'node:os';
import { z } from 'zod';

/**
 * HERALD_BIND_ADDRESS: the one address every server `npm start` runs listens on — Postgres, Temporal (gRPC and
 * Web), the API and the web app. This machine only unless told otherwise: the stack carries a well-known
 * database password, a Temporal server without authentication and a local API key.
 */
export const DEFAULT_BIND_ADDRESS = '127.0.0.1';

const EVERY_INTERFACE = ['0.0.0.0', '::'];
const EXAMPLES = `use ${DEFAULT_BIND_ADDRESS} (this machine only, the default), 0.0.0.0 or :: (every interface), or one of this machine's addresses`;

/** `0:0:0:0:0:0:0:0` → `::`: one spelling per IPv6 address, by way of the URL parser. */
function canonical(address: string): string {
  return net.isIPv6(address) ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address;
}

function isLoopback(address: string): boolean {
  return address === '::1' || (net.isIPv4(address) && address.startsWith('127.'));
}

function machineAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .map((entry) => canonical(entry.address));
}

export const BindAddressSchema = z
  .string()
  .transform((value, ctx) => {
    if (!net.isIP(value)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an IP address; ${EXAMPLES}` });
      return z.NEVER;
    }
    const address = canonical(value);
    if (EVERY_INTERFACE.includes(address) || isLoopback(address)) return address;
    const own = machineAddresses();
    if (!own.includes(address)) {
      ctx.addIssue({ code: 'custom', message: `${address} is not an address of this machine (${own.join(', ')}); ${EXAMPLES}` });
      return z.NEVER;
    }
    return address;
  })
  .default(DEFAULT_BIND_ADDRESS)
  .describe('Address the servers of `npm start` listen on');

/** Where the launcher reaches a server bound to `address`: over loopback when it listens on every interface. */
export function clientHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '::1';
  return address;
}

/** `host` as it goes into a URL or a `host:port` address. */
export function urlHost(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}

/** The host a person types: `localhost` whenever this machine's loopback reaches the servers. */
export function displayHost(address: string): string {
  return EVERY_INTERFACE.includes(address) || isLoopback(address) ? 'localhost' : urlHost(address);
}
