// Two connected host channel ends in one thread, for tests of the worker protocol.

import type { HostChannel, HostMessage } from "../../src/hosts/workers/mod.ts";

/** Two connected channel ends whose messages arrive later, cloned, as through a MessagePort. */
export function channelPair(): [HostChannel, HostChannel] {
  const listeners: [((m: HostMessage) => void)[], ((m: HostMessage) => void)[]] = [[], []];
  const end = (mine: 0 | 1): HostChannel => ({
    post(message) {
      const copy = structuredClone(message);
      setTimeout(() => {
        for (const listener of listeners[1 - mine]) listener(copy);
      }, 0);
    },
    onMessage: (listener) => void listeners[mine].push(listener),
  });
  return [end(0), end(1)];
}
