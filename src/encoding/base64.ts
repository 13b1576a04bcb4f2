// Standard base64 of UTF-8 text, as Kubernetes carries PEMs and Secret values.

/** Encodes a string's UTF-8 bytes as standard base64 (chunked, so large PEMs do not overflow the stack). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Decodes standard base64 (surrounding whitespace allowed) into UTF-8 text. */
export function fromBase64Utf8(data: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(data.trim()), (c) => c.charCodeAt(0)));
}
