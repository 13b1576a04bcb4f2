// Checking whether a port can be bound, before handing it to a fake cluster.
import net from "node:net";
import { closeServer, listen } from "./listen.ts";

/** True when host:port can be bound right now (binds it, then releases it). */
export async function isPortFree(host: string, port: number): Promise<boolean> {
  const server = net.createServer();
  try {
    await listen(server, host, port);
  } catch {
    return false;
  }
  await closeServer(server);
  return true;
}
