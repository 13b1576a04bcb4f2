// Pretty-printed JSON answers, as kube-apiserver gives them to `?pretty=true` and to curl, Wget
// and browsers (k8s.io/apiserver pkg/endpoints/handlers/negotiation `isPrettyPrint`): the JSON
// serializer then writes json.MarshalIndent(obj, "", "  "), without the newline its compact
// encoding ends with. Rare, so the compact answer is re-indented rather than encoded twice.

const PRETTY_AGENTS = /^(?:curl|Wget|Mozilla\/5\.0)/;
// strconv.ParseBool's true words.
const TRUE_WORDS = new Set(["1", "t", "T", "TRUE", "true", "True"]);

/** Whether a request asks for indented JSON: a non-empty `pretty` parameter decides, else the agent. */
export function wantsPretty(request: Request): boolean {
  const url = request.url;
  if (url.includes("pretty")) {
    const at = url.indexOf("?");
    const value = at === -1 ? null : new URLSearchParams(url.slice(at + 1)).get("pretty");
    if (value) return TRUE_WORDS.has(value);
  }
  return PRETTY_AGENTS.test(request.headers.get("user-agent") ?? "");
}

/** The answer with its JSON body indented; any other answer (protobuf, YAML, text) as it is. */
export async function prettyResponse(response: Response): Promise<Response> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("application/json")) return response;
  const text = await response.text();
  return new Response(indentJson(text), { status: response.status, headers: response.headers });
}

/** Compact JSON text indented as Go's json.Indent with two spaces: strings are kept byte for byte. */
export function indentJson(text: string): string {
  let out = "";
  let depth = 0;
  let i = 0;
  const end = text.endsWith("\n") ? text.length - 1 : text.length;
  const newline = () => "\n" + "  ".repeat(depth);
  while (i < end) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < end && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      if (text[i + 1] === close) {
        out += c + close;
        i += 2;
        continue;
      }
      depth++;
      out += c + newline();
    } else if (c === "}" || c === "]") {
      depth--;
      out += newline() + c;
    } else if (c === ",") {
      out += "," + newline();
    } else if (c === ":") {
      out += ": ";
    } else if (c !== " " && c !== "\n" && c !== "\t" && c !== "\r") {
      out += c;
    }
    i++;
  }
  return out;
}
