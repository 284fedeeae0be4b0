import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LINK_REL, Markdown, safeMarkdownUrl } from "./markdown";

function render(markdown: string): string {
  return renderToStaticMarkup(createElement(Markdown, null, markdown));
}

describe("safeMarkdownUrl", () => {
  it.each([
    ["https://example.org/a?b=c#d", "https://example.org/a?b=c#d"],
    ["http://example.org", "http://example.org/"],
    ["HTTPS://EXAMPLE.org/x", "https://example.org/x"],
    ["mailto:ops@example.org", "mailto:ops@example.org"],
  ])("keeps %s", (url, expected) => {
    expect(safeMarkdownUrl(url)).toBe(expected);
  });

  it.each([
    "javascript:window.__pwned=1",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "/relative/path",
    "//evil.example/x",
    "#anchor",
    "",
  ])("drops %j", (url) => {
    expect(safeMarkdownUrl(url)).toBeNull();
  });
});

describe("Markdown", () => {
  it("renders ordinary markdown, with rel nofollow noopener on links and no target", () => {
    const html = render("Some **bold** and _em_ text with [a link](https://example.org/x).\n\n- one\n- two");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain(`<a href="https://example.org/x" rel="${LINK_REL}">a link</a>`);
    expect(html).not.toContain("target=");
    expect(html).toMatch(/<ul[^>]*>\s*<li[^>]*>one<\/li>/);
  });

  it("shows raw HTML as inert text", () => {
    const html = render('<img src=x onerror="window.__pwned=1"> and <b>bold?</b>');
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;");
    expect(html).toContain("&lt;b&gt;bold?&lt;/b&gt;");
  });

  it.each([
    "<svg><script>window.__pwned=1</script></svg>",
    '<svg onload="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    '<a href="javascript:window.__pwned=1">x</a>',
    "<style>body{display:none}</style>",
  ])("never turns %j into an element", (payload) => {
    const html = render(payload);
    expect(html).not.toMatch(/<(svg|script|iframe|style)\b/i);
    expect(html).not.toMatch(/<a\b/);
    expect(html).toContain("&lt;");
  });

  it.each([
    "[x](javascript:window.__pwned=1)",
    "[x](JAVASCRIPT:window.__pwned=1)",
    "[x](data:text/html,<script>1</script>)",
    "<javascript:window.__pwned=1>",
    "[x][ref]\n\n[ref]: javascript:window.__pwned=1",
  ])("renders %j without a dangerous href", (markdown) => {
    const html = render(markdown);
    expect(html).not.toContain("href");
    expect(html.toLowerCase()).not.toMatch(/<a[^>]*javascript:/);
  });

  it("shows an image's alt text, never the image", () => {
    const html = render("![a tracking pixel](https://tracker.example/p.gif)");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("tracker.example");
    expect(html).toContain("[image: a tracking pixel]");
  });

  it("renders headings as bold paragraphs so the page outline stays intact", () => {
    const html = render("# Big\n\n### Small");
    expect(html).not.toMatch(/<h[1-6]/);
    expect(html).toContain('<p class="font-semibold">Big</p>');
  });
});
