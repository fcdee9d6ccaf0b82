import assert from 'node:assert/strict';

export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  /** The nearest `class` attribute on the element or an ancestor. */
  group?: string;
  /** The enclosing element. */
  parent?: { name: string; attributes: Record<string, string> };
}

/**
 * Checks that `svg` is well-formed XML as heapdot's own SVG writers promise it (a declaration,
 * one `<svg>` root with the SVG namespace, tags balanced, attributes quoted, no raw `<` or stray
 * `&` in text or attribute values) and returns its elements in document order.
 */
export function svgElements(svg: string): SvgElement[] {
  assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const body = svg.slice(svg.indexOf('\n') + 1);
  const token = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const entities = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i;
  const stack: SvgElement[] = [];
  const elements: SvgElement[] = [];
  let consumed = 0;
  for (const match of body.matchAll(token)) {
    consumed += match[0].length;
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) {
      assert.doesNotMatch(text, entities, `stray & in ${text}`);
      if (stack.length === 0) assert.match(text, /^\s*$/, 'text outside the root element');
      continue;
    }
    assert.doesNotMatch(attributeText, entities, `stray & in ${attributeText}`);
    const attributes = Object.fromEntries(
      Array.from(attributeText.matchAll(/([\w:-]+)="([^"]*)"/g), (pair) => [pair[1], pair[2]]),
    );
    if (closing) {
      assert.equal(stack.pop()?.name, name, `</${name}> closes the open element`);
      continue;
    }
    if (stack.length === 0) {
      assert.equal(elements.length, 0, 'one root element');
      assert.equal(name, 'svg');
      assert.equal(attributes.xmlns, 'http://www.w3.org/2000/svg');
    }
    const parent = stack.at(-1);
    const element: SvgElement = {
      name,
      attributes,
      group: attributes.class ?? parent?.group,
      parent: parent && { name: parent.name, attributes: parent.attributes },
    };
    elements.push(element);
    if (!selfClosing) stack.push(element);
  }
  assert.equal(consumed, body.length, 'every character is part of a tag or text');
  assert.deepEqual(stack, [], 'every element is closed');
  return elements;
}
