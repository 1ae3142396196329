/**
 * The rich text of an open letter is stored as HTML that the resident portal and
 * the printed notice insert as markup, so it is cut down on the server to a tiny allow-list
 * before it is stored: a few structural and emphasis tags, **no attributes at all** (so no
 * event handlers, styles, links or URLs), and everything else escaped as text. The output
 * is built only from the allowed bare tags and escaped text, so nothing the author wrote can
 * become any other markup, however malformed the input.
 */

/** Tags kept, without attributes. */
export const LETTER_TAGS = new Set([
  "p",
  "br",
  "strong",
  "b",
  "em",
  "i",
  "u",
  "s",
  "ul",
  "ol",
  "li",
  "h2",
  "h3",
  "h4",
  "blockquote",
  "hr",
]);
const VOID_TAGS = new Set(["br", "hr"]);

/** Elements dropped with everything inside them: their content is code or not meant to show. */
const DROPPED_WITH_CONTENT = [
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "template",
  "noscript",
  "textarea",
  "title",
  "svg",
  "math",
  "xmp",
  "noembed",
  "noframes",
  "select",
  "head",
];

/** Text as HTML text: angle brackets and quotes escaped, `&` kept only where it starts an entity. */
function escapeText(text: string): string {
  return text
    .replace(/&(?!(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});)/gi, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function dropDangerousBlocks(html: string): string {
  let result = html.replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  for (const tag of DROPPED_WITH_CONTENT) {
    // An element never closed swallows the rest of the input, as a browser would.
    result = result.replace(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?(?:<\\/${tag}\\s*>|$)`, "gi"), "");
    result = result.replace(new RegExp(`<\\/?${tag}\\b[^>]*>`, "gi"), "");
  }
  return result;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;

export function sanitiseLetterHtml(input: string): string {
  const html = dropDangerousBlocks(input.replaceAll(String.fromCharCode(0), ""));
  const open: string[] = [];
  let out = "";
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    out += escapeText(html.slice(last, match.index));
    last = match.index + match[0].length;
    const closing = match[1] === "/";
    const name = (match[2] ?? "").toLowerCase();
    if (!LETTER_TAGS.has(name)) continue; // unknown tags vanish, their text stays
    if (VOID_TAGS.has(name)) {
      if (!closing) out += `<${name}>`;
      continue;
    }
    if (!closing) {
      open.push(name);
      out += `<${name}>`;
      continue;
    }
    const at = open.lastIndexOf(name);
    if (at < 0) continue; // a close without its open is dropped
    while (open.length > at) out += `</${open.pop()}>`;
  }
  out += escapeText(html.slice(last));
  while (open.length > 0) out += `</${open.pop()}>`;
  return out.trim();
}

/** The letter as plain text (for search, previews, notifications). */
export function letterText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
