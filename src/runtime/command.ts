// Runs a helper program (kubeconfig exec credential plugins) and collects its output.
import { execFile } from "node:child_process";
import process from "node:process";

/** Runs `command args` with extra env and a timeout; resolves stdout, rejects with stderr. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { env: Readonly<Record<string, string>>; timeoutMs: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs,
        maxBuffer: 1 << 20,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${command} failed: ${String(stderr).trim() || error.message}`));
        } else resolve(String(stdout));
      },
    );
  });
}
