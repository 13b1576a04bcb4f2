// Go's net/url parsing as the CEL url library uses it: ParseRequestURI, Parse, Hostname, Port, EscapedPath, Query.
//
// Source: Go 1.26 src/net/url/url.go as of Go 1.24.8/1.25.2 (bracketed hosts must be IPv6
// literals; the port after the last colon) (`parse`, `getScheme`, `parseAuthority`, `parseHost`,
// `unescape`, `escape`, `shouldEscape` as the generated encoding table encodes it, `setPath`,
// `EscapedPath`, `validEncoded`, `splitHostPort`, `parseQuery`). Strings are handled as Go's
// bytes where it matters (escapes decode to UTF-8 bytes); errors carry Go's words
// (`parse "x": invalid URI for request`).

import { goQuote } from "../../encoding/mod.ts";
import { parseAddr } from "./net_addresses.ts";

/** The parts of a parsed URL the CEL url library reads. */
export interface GoUrl {
  readonly scheme: string;
  readonly host: string;
  /** The path as written (escaped); `path` is its unescaped form. */
  readonly rawPath: string;
  readonly path: string;
  readonly rawQuery: string;
}

const enum Mode {
  Path,
  PathSegment,
  Host,
  Zone,
  UserPassword,
  QueryComponent,
  Fragment,
}

class UrlError extends Error {}

/** url.ParseRequestURI: a URL or Go's error text. */
export function parseRequestUri(raw: string): GoUrl | string {
  try {
    return parse(raw, true);
  } catch (error) {
    if (error instanceof UrlError) return `parse ${goQuote(raw)}: ${error.message}`;
    throw error;
  }
}

/** url.Parse (the fragment cut off first): a URL or Go's error text. */
export function parseUrl(raw: string): GoUrl | string {
  const hash = raw.indexOf("#");
  const before = hash < 0 ? raw : raw.slice(0, hash);
  try {
    const url = parse(before, false);
    if (hash >= 0) {
      try {
        unescape(raw.slice(hash + 1), Mode.Fragment);
      } catch (error) {
        if (error instanceof UrlError) return `parse ${goQuote(raw)}: ${error.message}`;
        throw error;
      }
    }
    return url;
  } catch (error) {
    if (error instanceof UrlError) return `parse ${goQuote(before)}: ${error.message}`;
    throw error;
  }
}

function parse(raw: string, viaRequest: boolean): GoUrl {
  // deno-lint-ignore no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new UrlError("net/url: invalid control character in URL");
  if (raw === "" && viaRequest) throw new UrlError("empty url");
  if (raw === "*") return { scheme: "", host: "", rawPath: "*", path: "*", rawQuery: "" };
  let [scheme, rest] = getScheme(raw);
  scheme = scheme.toLowerCase();
  let rawQuery = "";
  const question = rest.indexOf("?");
  if (rest.endsWith("?") && question === rest.length - 1) rest = rest.slice(0, -1);
  else if (question >= 0) [rest, rawQuery] = [rest.slice(0, question), rest.slice(question + 1)];
  if (!rest.startsWith("/")) {
    // Rootless paths with a scheme are opaque: no host, no path.
    if (scheme !== "") return { scheme, host: "", rawPath: "", path: "", rawQuery };
    if (viaRequest) throw new UrlError("invalid URI for request");
    const slash = rest.indexOf("/");
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(":")) {
      throw new UrlError("first path segment in URL cannot contain colon");
    }
  }
  let host = "";
  if ((scheme !== "" || !viaRequest && !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    host = parseAuthority(authority);
  }
  return { scheme, host, rawPath: rest, path: unescape(rest, Mode.Path), rawQuery };
}

// getScheme: letters, then letters, digits, '+', '-', '.', up to ':'.
function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") {
      if (i === 0) throw new UrlError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf("@");
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return host;
  const userinfo = authority.slice(0, at);
  if (!/^[-A-Za-z0-9._:~!$&'()*+,;=%@]*$/.test(userinfo)) {
    throw new UrlError("net/url: invalid userinfo");
  }
  for (const part of userinfo.split(":").slice(0, 2)) unescape(part, Mode.UserPassword);
  return host;
}

function parseHost(host: string): string {
  const open = host.lastIndexOf("[");
  if (open > 0) throw new UrlError("invalid IP-literal");
  if (open === 0) {
    const close = host.lastIndexOf("]");
    if (close < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) {
      throw new UrlError(`invalid port ${goQuote(colonPort)} after host`);
    }
    const port = unescape(colonPort, Mode.Host);
    const name = host.slice(1, close);
    const zone = name.indexOf("%25");
    const unescaped = zone >= 0
      ? unescape(name.slice(0, zone), Mode.Host) + unescape(name.slice(zone), Mode.Zone)
      : unescape(name, Mode.Host);
    const addr = parseAddr(unescaped);
    if (typeof addr === "string") {
      throw new UrlError(`invalid host: ParseAddr(${goQuote(unescaped)}): ${addr}`);
    }
    if (addr.bytes.length === 4) throw new UrlError("invalid IP-literal");
    return `[${unescaped}]${port}`;
  }
  // The port follows the last colon, as Go up to 1.25 (kube-apiserver's) reads it; Go 1.26's
  // urlstrictcolons takes the first one for http and https.
  const at = host.lastIndexOf(":");
  if (at >= 0) {
    const colonPort = host.slice(at);
    if (!validOptionalPort(colonPort)) {
      throw new UrlError(`invalid port ${goQuote(colonPort)} after host`);
    }
  }
  return unescape(host, Mode.Host);
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

// shouldEscape (the encoding table's rules, byte by byte).
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === Mode.Host || mode === Mode.Zone) && "!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  if ("-_.~".includes(ch)) return false;
  if ("$&+,/:;=?@".includes(ch)) {
    switch (mode) {
      case Mode.Path:
        return ch === "?";
      case Mode.PathSegment:
        return "/;,?".includes(ch);
      case Mode.UserPassword:
        return "@/?:".includes(ch);
      case Mode.QueryComponent:
        return true;
      case Mode.Fragment:
        return false;
    }
  }
  if (mode === Mode.Fragment && "!()*".includes(ch)) return false;
  return true;
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// unescape: %XX decoding (and '+' as space in query components), with Go's checks per mode.
function unescape(s: string, mode: Mode): string {
  let escapes = 0;
  let plus = false;
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === "%") {
      escapes++;
      if (!isHex(s[i + 1]) || !isHex(s[i + 2])) {
        throw new UrlError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      const value = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === Mode.Host && value < 0x80 && s.slice(i, i + 3) !== "%25") {
        // Host escapes may only encode non-ASCII bytes (unhex of the first digit below 8).
        throw new UrlError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      if (
        mode === Mode.Zone && s.slice(i, i + 3) !== "%25" && value !== 0x20 &&
        shouldEscape(value, Mode.Host)
      ) throw new UrlError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      i += 3;
    } else {
      if (c === "+") plus = mode === Mode.QueryComponent;
      else if (
        (mode === Mode.Host || mode === Mode.Zone) && c.charCodeAt(0) < 0x80 &&
        shouldEscape(c.charCodeAt(0), mode)
      ) throw new UrlError(`invalid character ${goQuote(c)} in host name`);
      i++;
    }
  }
  if (escapes === 0 && !plus) return s;
  const bytes: number[] = [];
  const raw = encoder.encode(s);
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x25) {
      bytes.push(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
      i += 2;
    } else if (raw[i] === 0x2b) bytes.push(mode === Mode.QueryComponent ? 0x20 : 0x2b);
    else bytes.push(raw[i]);
  }
  return decoder.decode(new Uint8Array(bytes));
}

// escape: %XX (upper-case hex) for each byte to escape.
function escape(s: string, mode: Mode): string {
  let out = "";
  for (const byte of encoder.encode(s)) {
    if (byte === 0x20 && mode === Mode.QueryComponent) out += "+";
    else if (shouldEscape(byte, mode)) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    } else out += String.fromCharCode(byte);
  }
  return out;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (const byte of encoder.encode(s)) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(byte))) continue;
    if (shouldEscape(byte, mode)) return false;
  }
  return true;
}

/** URL.EscapedPath: the path as written when that is a valid encoding of it, else escaped. */
export function escapedPath(url: GoUrl): string {
  if (url.rawPath !== "" && validEncoded(url.rawPath, Mode.Path)) return url.rawPath;
  if (url.path === "*") return "*";
  return escape(url.path, Mode.Path);
}

// splitHostPort: a numeric port after the last colon; brackets dropped.
function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort, port = "";
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && validOptionalPort(host.slice(colon))) {
    [host, port] = [host.slice(0, colon), host.slice(colon + 1)];
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return [host, port];
}

/** URL.Hostname. */
export function hostname(url: GoUrl): string {
  return splitHostPort(url.host)[0];
}

/** URL.Port. */
export function port(url: GoUrl): string {
  return splitHostPort(url.host)[1];
}

/** URL.Query (ParseQuery, errors ignored): each key's values in order. */
export function query(url: GoUrl): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const pair of url.rawQuery === "" ? [] : url.rawQuery.split("&")) {
    if (pair.includes(";") || pair === "") continue;
    const equals = pair.indexOf("=");
    try {
      const key = unescape(equals < 0 ? pair : pair.slice(0, equals), Mode.QueryComponent);
      const value = unescape(equals < 0 ? "" : pair.slice(equals + 1), Mode.QueryComponent);
      const list = values.get(key);
      if (list) list.push(value);
      else values.set(key, [value]);
    } catch (error) {
      if (!(error instanceof UrlError)) throw error;
    }
  }
  return values;
}
