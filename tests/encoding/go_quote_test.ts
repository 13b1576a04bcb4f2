// One `%q` (strconv.Quote) for every message that quotes a value: decode errors, CEL's URL
// errors and selector errors print control bytes as Go does (`\a`, `\x01`, `\x7f`).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { goQuote } from "../../src/encoding/mod.ts";
import { durationError } from "../../src/api/schema/go_values.ts";
import { parseUrl } from "../../src/api/crd/go_url.ts";
import { parseLabelSelector } from "../../src/selectors/mod.ts";

describe("goQuote (strconv.Quote)", () => {
  it("escapes as Go: \\a, \\v, \\x for other control bytes and DEL", () => {
    assert.equal(
      goQuote('a\u0007b\u000bc\u0001d\u007fe\n\t"\\'),
      '"a\\ab\\vc\\x01d\\x7fe\\n\\t\\"\\\\"',
    );
  });

  // Expected texts printed by Go 1.26's strconv.Quote of the same strings.
  it("prints printable runes as they are and the others as \\u or \\U, as unicode.IsPrint decides", () => {
    assert.equal(
      goQuote("\u0080\u009f\u00a0\u00ad\u00e9\u2028\u3000\ufeff\u{1F600}\u{E0001}\u{10FFFF}\u0378"),
      '"\\u0080\\u009f\\u00a0\\u00ad\u00e9\\u2028\\u3000\\ufeff\u{1F600}\\U000e0001\\U0010ffff\\u0378"',
    );
    assert.equal(goQuote("\u200b\u00a1\u65e5\u672c"), '"\\u200b\u00a1\u65e5\u672c"');
    assert.equal(goQuote('spec.f"o'), '"spec.f\\"o"');
  });

  it("prints a lone surrogate as the U+FFFD Go's JSON decoding made of it", () => {
    assert.equal(goQuote("a\ud800b\udfff"), '"a\ufffdb\ufffd"');
  });

  it("is what decode errors, URL errors and selector errors print", () => {
    assert.equal(durationError("\u007f"), 'time: invalid duration "\\x7f"');
    assert.equal(
      parseUrl("http://a\u0001b/"),
      'parse "http://a\\x01b/": net/url: invalid control character in URL',
    );
    assert.throws(
      () => parseLabelSelector("a\u0007b"),
      (error: Error) => error.message.includes('<nil>: Invalid value: "a\\ab": name part'),
    );
  });
});
