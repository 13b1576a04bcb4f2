// Unpadded base64url (RFC 7515 §2), the encoding of every JWT part and JWK number.

/** Encodes bytes as unpadded base64url. */
export function base64UrlBytes(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Encodes text's UTF-8 bytes as unpadded base64url. */
export function base64UrlText(text: string): string {
  return base64UrlBytes(new TextEncoder().encode(text));
}

/** Decodes unpadded base64url; undefined for anything else (padding, foreign characters). */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
