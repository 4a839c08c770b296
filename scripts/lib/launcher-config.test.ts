import { describe, expect, it } from 'vitest';
import { clientHost, urlHost } from './bind-address';
import { launcherConfig } from './launcher-config';

describe('HERALD_BIND_ADDRESS', () => {
  it('keeps every server of the local stack on this machine by default', () => {
    expect(launcherConfig({}).HERALD_BIND_ADDRESS).toBe('127.0.0.1');
  });

  it('accepts every interface, IPv4 or IPv6, and loopback addresses', () => {
    for (const address of ['0.0.0.0', '::', '::1', '127.0.0.1']) {
      expect(launcherConfig({ HERALD_BIND_ADDRESS: address }).HERALD_BIND_ADDRESS).toBe(address);
    }
    // Spelled out or compressed, an IPv6 address means one thing.
    expect(launcherConfig({ HERALD_BIND_ADDRESS: '0:0:0:0:0:0:0:0' }).HERALD_BIND_ADDRESS).toBe('::');
  });

  it('refuses a name or an address this machine does not have, saying what to set instead', () => {
    expect(() => launcherConfig({ HERALD_BIND_ADDRESS: 'everywhere' })).toThrow(
      /HERALD_BIND_ADDRESS: "everywhere" is not an IP address[^\n]*127\.0\.0\.1[^\n]*0\.0\.0\.0/,
    );
    // 203.0.113.0/24 is reserved for documentation: no machine has it.
    expect(() => launcherConfig({ HERALD_BIND_ADDRESS: '203.0.113.7' })).toThrow(
      /HERALD_BIND_ADDRESS: 203\.0\.113\.7 is not an address of this machine[^\n]*127\.0\.0\.1/,
    );
  });

  it('reports it with the other configuration problems, at once', () => {
    expect(() => launcherConfig({ HERALD_BIND_ADDRESS: 'localhost', HERALD_WEB_PORT: 'eighty' })).toThrow(
      /Invalid configuration:[\s\S]*HERALD_BIND_ADDRESS[\s\S]*HERALD_WEB_PORT|Invalid configuration:[\s\S]*HERALD_WEB_PORT[\s\S]*HERALD_BIND_ADDRESS/,
    );
  });
});

describe('the address the launcher itself connects to', () => {
  it('is loopback when the servers listen on every interface, and the address itself otherwise', () => {
    expect(clientHost('127.0.0.1')).toBe('127.0.0.1');
    expect(clientHost('0.0.0.0')).toBe('127.0.0.1');
    expect(clientHost('::')).toBe('::1');
    expect(clientHost('192.168.1.20')).toBe('192.168.1.20');
  });

  it('is bracketed in URLs and host:port when it is IPv6', () => {
    expect(urlHost('127.0.0.1')).toBe('127.0.0.1');
    expect(urlHost('::1')).toBe('[::1]');
  });
});
