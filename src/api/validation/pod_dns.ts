// A pod spec's `dnsConfig` and `hostAliases`: nameservers and alias IPs, search domains, resolver
// option names, alias hostnames, with each minor's paths and messages (kubernetes v1.29–v1.36).
//
// Sources: k8s.io/kubernetes pkg/apis/core/validation/validation.go `validatePodDNSConfig`,
// `ValidateHostAliases` (unindexed paths and "must be valid IP address" in v1.29; `IsValidIP` from
// v1.30; `IsValidIPForLegacyField` from v1.33, strict from v1.36 with StrictIPCIDRValidation beta),
// pkg/api/pod/util.go `useRelaxedDNSSearchValidation` (RelaxedDNSSearchValidation on from v1.33).

import { appendErrors, type FieldError, invalid, required } from "./field_error.ts";
import { byteLength, isDNS1123Subdomain, maxLenError, regexError } from "./formats.ts";
import { stringSliceValue } from "./go_value.ts";
import { legacyIPMessages } from "./ip_addresses.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars.
const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LIST_CHARS = 2048;

const LABEL_WITH_UNDERSCORE = "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
const SUBDOMAIN_WITH_UNDERSCORE_FMT = `${LABEL_WITH_UNDERSCORE}(\\.${LABEL_WITH_UNDERSCORE})*`;
const SUBDOMAIN_WITH_UNDERSCORE = new RegExp(`^${SUBDOMAIN_WITH_UNDERSCORE_FMT}$`);

/** `validatePodDNSConfig`: dnsPolicy None needs a config with a nameserver; then its lists. */
export function validatePodDNSConfig(spec: Loose, minor: number, path: string): FieldError[] {
  const config = spec.dnsConfig ?? null;
  if (spec.dnsPolicy === "None") {
    if (config === null) {
      return [required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
    }
    if (!Array.isArray(config.nameservers) || config.nameservers.length === 0) {
      return [
        required(
          `${path}.nameservers`,
          "must provide at least one DNS nameserver when `dnsPolicy` is None",
        ),
      ];
    }
  }
  if (config === null) return [];
  const errors: FieldError[] = [];
  const nameservers: string[] = Array.isArray(config.nameservers) ? config.nameservers : [];
  if (nameservers.length > MAX_NAMESERVERS) {
    errors.push(
      invalid(
        `${path}.nameservers`,
        stringSliceValue(nameservers),
        `must not have more than ${MAX_NAMESERVERS} nameservers`,
      ),
    );
  }
  nameservers.forEach((server, i) =>
    appendErrors(errors, ipErrors(`${path}.nameservers[${i}]`, server, minor))
  );
  const searches: string[] = Array.isArray(config.searches) ? config.searches : [];
  if (searches.length > MAX_SEARCH_PATHS) {
    errors.push(
      invalid(
        `${path}.searches`,
        stringSliceValue(searches),
        `must not have more than ${MAX_SEARCH_PATHS} search paths`,
      ),
    );
  }
  if (byteLength(searches.join(" ")) > MAX_SEARCH_LIST_CHARS) {
    errors.push(
      invalid(
        `${path}.searches`,
        stringSliceValue(searches),
        `must not have more than ${MAX_SEARCH_LIST_CHARS} characters (including spaces) in the search list`,
      ),
    );
  }
  // From v1.33 a search may be "." and hold underscores (RelaxedDNSSearchValidation).
  const relaxed = minor >= 33;
  searches.forEach((search, i) => {
    if (relaxed && search === ".") return;
    const domain = search.endsWith(".") ? search.slice(0, -1) : search;
    const messages = relaxed ? subdomainWithUnderscore(domain) : isDNS1123Subdomain(domain);
    for (const message of messages) errors.push(invalid(`${path}.searches[${i}]`, domain, message));
  });
  const options: Loose[] = Array.isArray(config.options) ? config.options : [];
  options.forEach((option, i) => {
    if (typeof option?.name !== "string" || option.name === "") {
      errors.push(required(`${path}.options[${i}]`, "must not be empty"));
    }
  });
  return errors;
}

/** `ValidateHostAliases`: each alias's IP, then its hostnames as DNS-1123 subdomains. */
export function validateHostAliases(aliases: unknown, minor: number, path: string): FieldError[] {
  if (!Array.isArray(aliases)) return [];
  const errors: FieldError[] = [];
  // v1.29 reports every alias at the list's path, without an index.
  const indexed = minor >= 30;
  aliases.forEach((alias, i) => {
    const at = indexed ? `${path}[${i}]` : path;
    appendErrors(
      errors,
      ipErrors(`${at}.ip`, typeof alias?.ip === "string" ? alias.ip : "", minor),
    );
    const hostnames: unknown[] = Array.isArray(alias?.hostnames) ? alias.hostnames : [];
    hostnames.forEach((hostname, j) => {
      const name = typeof hostname === "string" ? hostname : "";
      const field = indexed ? `${at}.hostnames[${j}]` : `${at}.hostnames`;
      for (const message of isDNS1123Subdomain(name)) errors.push(invalid(field, name, message));
    });
  });
  return errors;
}

function ipErrors(field: string, value: unknown, minor: number): FieldError[] {
  const text = typeof value === "string" ? value : "";
  return legacyIPMessages(text, minor).map((message) => invalid(field, text, message));
}

// `IsDNS1123SubdomainWithUnderscore`.
function subdomainWithUnderscore(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!SUBDOMAIN_WITH_UNDERSCORE.test(value)) {
    errors.push(regexError(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character",
      SUBDOMAIN_WITH_UNDERSCORE_FMT,
      "example.com",
    ));
  }
  return errors;
}
