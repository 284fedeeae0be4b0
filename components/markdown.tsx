import ReactMarkdown, { type Components, type Options } from "react-markdown";
import rehypeSanitize, { type Options as SanitizeSchema } from "rehype-sanitize";
import { cx } from "@/components/ui/class-names";

const SAFE_PROTOCOLS = ["http:", "https:", "mailto:"];

/** Links keep only absolute http(s) and mailto URLs; anything else (javascript:, data:, relative) loses its href. */
export function safeMarkdownUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.includes(parsed.protocol) ? parsed.href : null;
}

export const LINK_REL = "nofollow noopener noreferrer";

/**
 * What a comment may contain after sanitizing: CommonMark's own elements and nothing else. No raw
 * HTML survives (it is shown as text), images keep only their alt text (remote images track readers).
 */
export const MARKDOWN_SANITIZE_SCHEMA: SanitizeSchema = {
  tagNames: [
    ...["p", "br", "hr", "blockquote", "ul", "ol", "li", "pre", "code", "em", "strong", "del", "a", "img"],
    ...["h1", "h2", "h3", "h4", "h5", "h6"],
  ],
  attributes: { a: ["href", "title"], img: ["alt"], ol: ["start"] },
  protocols: { href: ["http", "https", "mailto"] },
  strip: ["script", "style"],
  clobber: [],
  clobberPrefix: "user-content-",
  ancestors: {},
  required: {},
  allowComments: false,
  allowDoctypes: false,
};

type TreeNode = { type: string; value?: string; children?: TreeNode[] };

/** Raw HTML typed into a comment stays visible as the text the person wrote, never as markup. */
function rehypeRawHtmlAsText() {
  const visit = (node: TreeNode) => {
    if (node.type === "raw") node.type = "text";
    node.children?.forEach(visit);
  };
  return (tree: unknown) => visit(tree as TreeNode);
}

const REHYPE_PLUGINS: Options["rehypePlugins"] = [
  rehypeRawHtmlAsText,
  [rehypeSanitize, MARKDOWN_SANITIZE_SCHEMA],
];

// Headings inside a comment must not break the page's outline, so they render as bold paragraphs.
const headingAsParagraph: Components["h1"] = ({ children }) => <p className="font-semibold">{children}</p>;

const COMPONENTS: Components = {
  h1: headingAsParagraph,
  h2: headingAsParagraph,
  h3: headingAsParagraph,
  h4: headingAsParagraph,
  h5: headingAsParagraph,
  h6: headingAsParagraph,
  p: ({ children }) => <p className="whitespace-pre-line">{children}</p>,
  li: ({ children }) => <li className="whitespace-pre-line">{children}</li>,
  a: ({ href, title, children }) =>
    href ? (
      <a href={href} title={title} rel={LINK_REL}>
        {children}
      </a>
    ) : (
      <span
        className="underline decoration-dotted"
        title="This link was removed: only web and email links work"
      >
        {children}
      </span>
    ),
  img: ({ alt }) => (alt ? <span className="italic">[image: {alt}]</span> : null),
};

/** Renders user-written markdown safely; works in server and client components alike. */
export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div
      className={cx(
        "space-y-3 break-words [&_blockquote]:border-l-4 [&_blockquote]:border-border-strong [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground",
        "[&_code]:rounded [&_code]:bg-surface-muted [&_code]:px-1 [&_code]:text-[0.9em] [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-surface-muted [&_pre]:p-3 [&_pre_code]:p-0",
        "[&_ol]:list-decimal [&_ol]:space-y-1 [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:space-y-1 [&_ul]:pl-6",
        className,
      )}
    >
      <ReactMarkdown rehypePlugins={REHYPE_PLUGINS} urlTransform={safeMarkdownUrl} components={COMPONENTS}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
