import { networkInterfaces } from 'node:os';

/**
 * The address phones on the local network can reach this machine at, for a server listening
 * on every interface (0.0.0.0 or ::): the first external IPv4 address, or null when there is
 * none. Loopback is never right for a join URL: it is the phone's own loopback.
 */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (!a.internal && a.family === 'IPv4') return a.address;
    }
  }
  return null;
}
