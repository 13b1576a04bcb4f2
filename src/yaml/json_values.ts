// What go-yaml and encoding/json do to decoded values beyond YAML: `!!binary` read as base64,
// and json.Marshal refusing numbers JSON cannot hold.

import { YamlError } from "./yaml_error.ts";

/** encoding/base64 StdEncoding.DecodeString (line breaks skipped), read as a Go string. */
export function decodeBase64(text: string): string {
  const clean = text.replace(/[\r\n]/g, "");
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    throw new YamlError("yaml: !!binary value contains invalid base64 data");
  }
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** json.Marshal's refusal of an infinite or NaN number, found as it walks (map keys sorted). */
export function throwNonFinite(value: unknown): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === "number" && !Number.isFinite(item)) {
      const name = Number.isNaN(item) ? "NaN" : item > 0 ? "+Inf" : "-Inf";
      throw new YamlError(`json: unsupported value: ${name}`);
    }
    if (item === null || typeof item !== "object") continue;
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push(item[i]);
    } else {
      const keys = Object.keys(item).sort().reverse();
      for (const key of keys) pending.push((item as Record<string, unknown>)[key]);
    }
  }
}
