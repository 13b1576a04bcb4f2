// Kubernetes' url CEL library in x-kubernetes-validations (k8s.io/apiserver pkg/cel/library/urls.go),
// with the results its documentation gives.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  customResourceSchema,
  errorBody,
  validateCustomResource,
} from "../../../src/api/crd/mod.ts";

// The messages of the rules that fail on an object whose spec is `spec`.
function failures(rules: string[], spec: Record<string, unknown> = {}): string[] {
  const schema = customResourceSchema({
    type: "object",
    properties: {
      spec: {
        type: "object",
        "x-kubernetes-validations": rules.map((rule) => ({ rule })),
        properties: { endpoint: { type: "string" } },
      },
    },
  })!;
  const object = { apiVersion: "example.com/v1", kind: "W", metadata: { name: "w" }, spec };
  return validateCustomResource(schema, object, undefined, { minor: 33 }).map((e) =>
    errorBody(e, 33)
  );
}

describe("the url library", () => {
  it("isURL accepts absolute URLs and paths, as url.ParseRequestURI", () => {
    assert.deepEqual(
      failures([
        "isURL('https://user:pass@example.com:80/path?query=val#fragment')",
        "isURL('/absolute-path')",
        "!isURL('https://a:b:c/')",
        "!isURL('../relative-path')",
        "!isURL('')",
        "!isURL('http://[::1/')",
        "!isURL('http://exa mple.com/')",
        "isURL(self.endpoint)",
      ], { endpoint: "https://api.example.com:6443" }),
      [],
    );
  });

  it("the getters answer Go's URL fields", () => {
    assert.deepEqual(
      failures([
        "url('/path').getScheme() == '' && url('https://example.com/').getScheme() == 'https'",
        "url('HTTPS://example.com/').getScheme() == 'https'",
        "url('https://example.com:80/').getHost() == 'example.com:80'",
        "url('https://[::1]:80/').getHost() == '[::1]:80' && url('https://[::1]/').getHost() == '[::1]'",
        "url('/path').getHost() == '' && url('https://example.com/').getHost() == 'example.com'",
        "url('https://example.com:80/').getHostname() == 'example.com'",
        "url('https://127.0.0.1:80/').getHostname() == '127.0.0.1'",
        "url('https://[::1]:80/').getHostname() == '::1' && url('/path').getHostname() == ''",
        "url('https://example.com:80/').getPort() == '80' && url('https://example.com/').getPort() == ''",
        "url('https://example.com/path').getEscapedPath() == '/path'",
        "url('https://example.com/path with spaces/').getEscapedPath() == '/path%20with%20spaces/'",
        "url('https://example.com/a%2Fb').getEscapedPath() == '/a%2Fb'",
        "url('https://example.com').getEscapedPath() == ''",
        "url('https://example.com/p#frag').getEscapedPath() == '/p'",
        "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}",
        "url('https://example.com/path?key with spaces=value with spaces').getQuery() == {'key with spaces': ['value with spaces']}",
        "url('https://example.com/path?a=1+2&b=%41;c').getQuery() == {'a': ['1 2']}",
        "url('https://example.com/path?').getQuery() == {} && url('https://example.com/path').getQuery() == {}",
        "type(url('/p')) == kubernetes.URL",
      ]),
      [],
    );
  });

  it("url() of something ParseRequestURI refuses fails the rule with Go's error", () => {
    assert.deepEqual(
      failures(["url(self.endpoint).getScheme() == 'https'"], { endpoint: "../x" }),
      [
        'Invalid value: "object": URL parse error during conversion from string: parse "../x": invalid URI for request evaluating rule: url(self.endpoint).getScheme() == \'https\'',
      ],
    );
    assert.deepEqual(failures(["url(self.endpoint) != null"], { endpoint: "https://a:b:c/" }), [
      'Invalid value: "object": URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":c" after host evaluating rule: url(self.endpoint) != null',
    ]);
  });
});
