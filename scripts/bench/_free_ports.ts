// Free TCP ports on loopback, for benchmarks that must name every control address up front.
import net from "node:net";

/**
 * `count` distinct ports from `from` up that are free on 127.0.0.1 right now. Ports below Linux's
 * ephemeral range (32768-) stay free for a restart: no client socket is given one of them;
 * `to` (exclusive) lifts that bound for a machine whose engineers are given ranges of their own.
 */
export async function freePorts(
  count: number,
  from: number,
  to = 32_768,
): Promise<number[]> {
  const ports: number[] = [];
  for (let port = from; ports.length < count && port < to; port++) {
    if (await isFree(port)) ports.push(port);
  }
  if (ports.length < count) throw new Error(`Cannot find ${count} free ports from ${from}`);
  return ports;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
