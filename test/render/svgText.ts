/** The text lines of a Graphviz SVG, XML entities decoded: what a viewer shows. */
export function svgTexts(svg: string): string[] {
  return Array.from(svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g), (match) => decodeXml(match[1]));
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return NAMED[body] ?? entity;
  });
}
