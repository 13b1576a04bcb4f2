import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  canonicalHeaderName,
  goHeaderLines,
  httpDate,
  splitWarnings,
} from "../../src/runtime/go_head.ts";

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 600);
const DATE = "Fri, 02 Jan 2026 03:04:05 GMT";
const open = { hasBody: true, head: false, http11: true, closing: false };

describe("Go's response head", () => {
  it("names headers as textproto.CanonicalMIMEHeaderKey does", () => {
    assert.equal(canonicalHeaderName("audit-id"), "Audit-Id");
    assert.equal(
      canonicalHeaderName("x-kubernetes-pf-flowschema-uid"),
      "X-Kubernetes-Pf-Flowschema-Uid",
    );
    assert.equal(canonicalHeaderName("WWW-AUTHENTICATE"), "Www-Authenticate");
    assert.equal(canonicalHeaderName("content-md5"), "Content-Md5");
    assert.equal(canonicalHeaderName("bad name"), "bad name"); // invalid: left as it is
  });

  it("sorts the handler's headers, then Date and Content-Length, for a short body", () => {
    const { lines, chunked } = goHeaderLines(
      [
        ["audit-id", "a"],
        ["x-kubernetes-pf-flowschema-uid", "f"],
        ["cache-control", "no-cache, private"],
        ["content-type", "application/json"],
        ["Connection", "keep-alive"],
        ["Keep-Alive", "timeout=5"],
      ],
      { ...open, length: 182 },
      NOW,
    );
    assert.equal(chunked, false);
    assert.deepEqual(lines, [
      "Audit-Id",
      "a",
      "Cache-Control",
      "no-cache, private",
      "Content-Type",
      "application/json",
      "X-Kubernetes-Pf-Flowschema-Uid",
      "f",
      "Date",
      DATE,
      "Content-Length",
      "182",
    ]);
  });

  it("chunks a body over 2 KiB or of unknown length, says close after the length", () => {
    assert.deepEqual(goHeaderLines([], { ...open, length: 2049 }, NOW), {
      lines: ["Date", DATE, "Transfer-Encoding", "chunked"],
      chunked: true,
    });
    assert.deepEqual(goHeaderLines([], { ...open, length: 2048, closing: true }, NOW).lines, [
      "Date",
      DATE,
      "Content-Length",
      "2048",
      "Connection",
      "close",
    ]);
    assert.deepEqual(goHeaderLines([], { ...open, closing: true }, NOW).lines, [
      "Date",
      DATE,
      "Connection",
      "close",
      "Transfer-Encoding",
      "chunked",
    ]);
    assert.deepEqual(goHeaderLines([], { ...open, length: 0 }, NOW).lines, [
      "Date",
      DATE,
      "Content-Length",
      "0",
    ]);
  });

  it("keeps a handler's own Content-Length and Date among its sorted headers", () => {
    const { lines } = goHeaderLines([["content-length", "9000"], ["date", "x"], ["a", "1"]], {
      ...open,
      length: 9000,
    }, NOW);
    assert.deepEqual(lines, ["A", "1", "Content-Length", "9000", "Date", "x"]);
  });

  it("HEAD: a short body's length, never chunked; no body status: no framing; HTTP/1.0: close unsaid", () => {
    assert.deepEqual(goHeaderLines([], { ...open, head: true, length: 2 }, NOW).lines, [
      "Date",
      DATE,
      "Content-Length",
      "2",
    ]);
    assert.deepEqual(goHeaderLines([], { ...open, head: true, length: 5000 }, NOW).lines, [
      "Date",
      DATE,
    ]);
    assert.deepEqual(goHeaderLines([], { ...open, hasBody: false, length: 0 }, NOW).lines, [
      "Date",
      DATE,
    ]);
    assert.deepEqual(
      goHeaderLines([], { ...open, http11: false, closing: true, length: 9000 }, NOW).lines,
      ["Date", DATE],
    );
  });

  it("writes each Vary value as its own line, as /openapi/v2's two filters each add one", () => {
    const { lines } = goHeaderLines([["Vary", "Accept-Encoding, Accept"]], {
      ...open,
      length: 2,
    }, NOW);
    assert.deepEqual(lines, [
      "Vary",
      "Accept-Encoding",
      "Vary",
      "Accept",
      "Date",
      DATE,
      "Content-Length",
      "2",
    ]);
  });

  it("writes each warn-value of a joined Warning header as its own line, as Go adds one per text", () => {
    const joined = '299 - "a, \\"b\\"", 299 - "c\\\\", 299 - "d"';
    assert.deepEqual(splitWarnings(joined), ['299 - "a, \\"b\\""', '299 - "c\\\\"', '299 - "d"']);
    const { lines } = goHeaderLines([["warning", joined], ["a", "1"]], { ...open, length: 2 }, NOW);
    assert.deepEqual(lines, [
      "A",
      "1",
      "Warning",
      '299 - "a, \\"b\\""',
      "Warning",
      '299 - "c\\\\"',
      "Warning",
      '299 - "d"',
      "Date",
      DATE,
      "Content-Length",
      "2",
    ]);
  });

  it("formats Date as http.TimeFormat", () => {
    assert.equal(httpDate(NOW), DATE);
    assert.equal(httpDate(NOW + 1000), "Fri, 02 Jan 2026 03:04:06 GMT");
  });
});
