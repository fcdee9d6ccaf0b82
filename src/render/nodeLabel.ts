import type { NodeView } from '../view/types.js';
import { formatBytes } from './formatBytes.js';
import { cutText, cutTextStart, NAME_MAX, PREVIEW_MAX } from './label.js';

function isStringNode(node: NodeView): boolean {
  // V8 types: `string`, `concatenated string`, `sliced string`.
  return node.type.endsWith('string');
}

function isArrayNode(node: NodeView): boolean {
  return node.type === 'array' || node.className === 'Array';
}

/**
 * The node's value as one short line: a string's first characters in quotes, a closure's
 * `name()`, an array's `length N`, a number as it is. Undefined when the node has no preview.
 */
export function previewText(node: NodeView): string | undefined {
  const preview = node.preview;
  if (preview === undefined) return undefined;
  // A slice's own text is unknown (V8 writes no offset): the preview is the text it is cut from.
  if (node.type === 'sliced string') return `slice of "${cutText(preview, PREVIEW_MAX)}"`;
  if (isStringNode(node)) return `"${cutText(preview, PREVIEW_MAX)}"`;
  if (node.type === 'closure') return `${cutText(preview === '' ? '(anonymous)' : preview, NAME_MAX)}()`;
  if (isArrayNode(node) && /^\d+$/.test(preview)) return `length ${preview}`;
  return cutText(preview, PREVIEW_MAX);
}

/** `@id · self size`, then the retained size and `detached` when known. */
export function sizeLine(node: NodeView): string {
  const parts = [`@${node.id}`, formatBytes(node.selfSize)];
  if (node.retainedSize !== undefined) parts.push(`retained ${formatBytes(node.retainedSize)}`);
  if (node.detached === true) parts.push('detached');
  return parts.join(' · ');
}

/**
 * The lines of a node's box (DESIGN.md, "What the pictures look like"): class name, id and
 * sizes, value preview, `script:line`, distance. Cut but not escaped: each renderer escapes for
 * its own format.
 */
export function nodeLabelLines(node: NodeView): string[] {
  const lines = [cutText(node.title, NAME_MAX), sizeLine(node)];
  const preview = previewText(node);
  if (preview !== undefined) lines.push(preview);
  // The end of a script path is the part that tells files apart.
  if (node.location !== undefined) lines.push(cutTextStart(node.location, NAME_MAX));
  if (node.distance !== undefined) lines.push(`distance ${node.distance}`);
  return lines;
}
