// Go's fmt and strconv spellings go-yaml and sigs.k8s.io/yaml put in their messages and keys:
// `%#v` of a decoded value, strconv.Quote, and FormatFloat's shortest 'g' form.

/** strconv.Quote: printable characters kept, others escaped as Go escapes them. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code >= 0x80 && PRINTABLE.test(ch)) out += ch;
    else out += escape(code);
  }
  return out + '"';
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const SHORT_ESCAPES: Record<number, string> = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
};

function escape(code: number): string {
  if (SHORT_ESCAPES[code]) return SHORT_ESCAPES[code];
  if (code < 0x80) return "\\x" + code.toString(16).padStart(2, "0");
  if (code < 0x10000) return "\\u" + code.toString(16).padStart(4, "0");
  return "\\U" + code.toString(16).padStart(8, "0");
}

/**
 * strconv.FormatFloat(value, 'g', -1, bits), which `%v` and `%#v` print too: the shortest digits
 * that read back as the same float64 (or float32), in exponent form when the decimal exponent is
 * below -4 or from 6 up (`1e+06`).
 */
export function formatFloatG(value: number, bits: 32 | 64 = 64): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const shortest = bits === 32 ? shortestFloat32(value) : value.toExponential();
  const [mantissa, exp] = shortest.split("e");
  const digits = mantissa.replace("-", "").replace(".", "");
  const exponent = Number(exp);
  const sign = value < 0 ? "-" : "";
  if (exponent < -4 || exponent >= 6) {
    const rest = digits.length > 1 ? "." + digits.slice(1) : "";
    const e = Math.abs(exponent).toString().padStart(2, "0");
    return `${sign}${digits[0]}${rest}e${exponent < 0 ? "-" : "+"}${e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) {
    return sign + digits + "0".repeat(exponent + 1 - digits.length);
  }
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

function shortestFloat32(value: number): string {
  const target = Math.fround(value);
  for (let precision = 1; precision <= 9; precision++) {
    const text = target.toExponential(precision - 1);
    if (Math.fround(Number(text)) === target) return text;
  }
  return target.toExponential(8);
}
