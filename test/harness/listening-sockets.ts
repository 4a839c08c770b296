import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';

export interface ListeningSocket {
  /** As the kernel has it bound: `127.0.0.1`, `0.0.0.0`, `::`, `::1`, … */
  address: string;
  port: number;
  pid: number;
  command: string;
}

/** `/proc/net/tcp*` addresses are 32-bit words in host byte order. */
function decodeAddress(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  if (os.endianness() === 'LE') for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  if (bytes.length === 4) return [...bytes].join('.');
  // Canonical IPv6 text (compressed), by way of the URL parser.
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/** Socket inode → local address, for every TCP socket in LISTEN state (state 0A). */
function listeningInodes(): Map<string, { address: string; port: number }> {
  const found = new Map<string, { address: string; port: number }>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, , state] = [fields[1]!, fields[2]!, fields[3]!];
      if (state !== '0A') continue;
      const [addressHex, portHex] = local.split(':') as [string, string];
      found.set(fields[9]!, { address: decodeAddress(addressHex), port: parseInt(portHex, 16) });
    }
  }
  return found;
}

function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // The command name may hold spaces and parentheses: the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone while we looked
    }
  }
  return children;
}

/**
 * Every TCP socket listened on by `rootPid` or any of its descendants (detached children included: they
 * keep their parent), read from /proc as root sees it — the real check of what a started stack exposes.
 */
export function listeningSocketsOfTree(rootPid: number): ListeningSocket[] {
  const inodes = listeningInodes();
  const children = childrenByParent();
  const sockets: ListeningSocket[] = [];
  const pending = [rootPid];
  while (pending.length) {
    const pid = pending.pop()!;
    pending.push(...(children.get(pid) ?? []));
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const command = (() => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      } catch {
        return '';
      }
    })();
    for (const fd of fds) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const socket = inode ? inodes.get(inode) : undefined;
      if (socket && !sockets.some((s) => s.port === socket.port && s.address === socket.address)) {
        sockets.push({ ...socket, pid, command });
      }
    }
  }
  return sockets;
}
