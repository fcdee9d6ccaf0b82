import type { EdgeSummary } from '../../analysis/types.js';
import type { ChainView, NodeView, NotFoundChainView, UserChain } from '../../view/types.js';
import { edgeLabel } from '../edgeLabel.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { nodeLabelLines } from '../nodeLabel.js';
import { NOTE_FILL, ROOT_FILL, ROOT_OUTLINE, TARGET_COLOR } from '../palette.js';
import { NOT_FOUND_NOTES } from './notFound.js';
import { ANCHOR_WORDS, foldedNote } from './userChainText.js';

/**
 * Mermaid reads `#name;` and `#123;` as entity codes inside a quoted label, and a label is
 * HTML, so every character that is syntax somewhere is written as an entity: `"` ends the
 * string, `#` starts an entity, `%` starts a `%%{...}%%` directive or a `%%` comment (Mermaid
 * strips them before it parses, even inside quotes), `<` `>` `&` are HTML, a backslash starts a
 * line break (`\n`), a backtick a Markdown string, and `|` ends an edge label.
 */
const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '#': '#35;',
  '%': '#37;',
  '&': '#38;',
  '<': '#60;',
  '>': '#62;',
  '\\': '#92;',
  '`': '#96;',
  '|': '#124;',
};

/** One line of text, safe inside a Mermaid quoted label; join lines with `LINE_BREAK` afterwards. */
export function escapeMermaidLabel(text: string): string {
  return visibleText(text).replace(/["#%&<>\\`|]/g, (character) => MERMAID_ENTITIES[character] ?? character);
}

/**
 * Lines of a quoted label are joined by a newline inside the quotes, not `<br/>`: with a `<br/>`
 * in a label, Mermaid 11 also breaks the line at a `\n` that the label's text spells out.
 */
const LINE_BREAK = '\n';

function nodeLine(node: NodeView, position: number, first?: string): string {
  const lines = nodeLabelLines(node);
  if (first !== undefined) lines.unshift(first);
  const label = lines.map(escapeMermaidLabel).join(LINE_BREAK);
  return `  n${position}["${label}"]`;
}

/** The access path gets more room than a box's name: it is the point of the picture. */
const NOTE_MAX = 120;

/**
 * The user chain: the anchor's object (named as the anchor), one node per user-level step, each
 * edge labelled with the step (a raw step as a dotted arrow), and a note with the access path and
 * what was folded; the anchor is drawn as a root.
 */
function userLines(user: UserChain, distance: number | undefined): string[] {
  const nodes = [user.anchor.node, ...user.steps.map((step) => step.node)];
  const anchor = cutText(`${ANCHOR_WORDS[user.anchor.kind]}: ${user.anchor.name}`, NAME_MAX);
  const note = [cutText(user.accessPath, NOTE_MAX), foldedNote(user, distance)].map(escapeMermaidLabel);
  return [
    ...nodes.map((node, position) => nodeLine(node, position, position === 0 ? anchor : undefined)),
    ...user.steps.map((step, position) => {
      const label = escapeMermaidLabel(cutText(step.label, NAME_MAX));
      return `  n${position} ${step.raw ? '-.->' : '-->'}|"${label}"| n${position + 1}`;
    }),
    `  summary["${note.join(LINE_BREAK)}"]`,
    `  classDef root fill:${ROOT_FILL},stroke:${ROOT_OUTLINE},color:#000`,
    `  classDef target stroke:${TARGET_COLOR},stroke-width:2px,color:${TARGET_COLOR}`,
    `  classDef reason fill:${NOTE_FILL},color:#000`,
    '  class n0 root',
    '  class summary reason',
    `  class n${nodes.length - 1} target`,
  ];
}

function edgeLine(edge: EdgeSummary, position: number): string {
  // Mermaid has one broken-line style: it stands for both weak (dashed) and shortcut (dotted).
  const arrow = edge.type === 'weak' || edge.type === 'shortcut' ? '-.->' : '-->';
  const label = escapeMermaidLabel(cutText(edgeLabel(edge), NAME_MAX));
  return `  n${position} ${arrow}|"${label}"| n${position + 1}`;
}

function classLines(view: ChainView): string[] {
  const roots = view.nodes.flatMap((node, position) =>
    node.isGcRoot || node.isUserRoot ? [`n${position}`] : [],
  );
  const lines = [
    `  classDef root fill:${ROOT_FILL},stroke:${ROOT_OUTLINE},color:#000`,
    `  classDef target stroke:${TARGET_COLOR},stroke-width:2px,color:${TARGET_COLOR}`,
    `  classDef reason fill:${NOTE_FILL},color:#000`,
  ];
  if (roots.length > 0) lines.push(`  class ${roots.join(',')} root`);
  return lines;
}

function notFoundLines(view: NotFoundChainView): string[] {
  const note = `${LINE_BREAK}${escapeMermaidLabel(NOT_FOUND_NOTES[view.reason])}`;
  return [
    nodeLine(view.target, 0),
    `  reason["no retainer chain:${note}"]`,
    ...classLines(view),
    '  class n0 target',
    '  class reason reason',
  ];
}

/**
 * The chain as a Mermaid `flowchart TD` that GitHub renders in a ```mermaid block: nodes `n0`
 * (the root, or in the user view the anchor) to `nN` (the target), edge labels with the reference
 * names (the user view's steps, and a note with the access path).
 */
export function chainToMermaid(view: ChainView): string {
  if (!view.found) return `flowchart TD\n${notFoundLines(view).join('\n')}\n`;
  if (view.user) return `flowchart TD\n${userLines(view.user, view.distance).join('\n')}\n`;
  const lines = [
    ...view.nodes.map((node, position) => nodeLine(node, position)),
    ...view.edges.map(edgeLine),
    ...classLines(view),
    `  class n${view.nodes.length - 1} target`,
  ];
  return `flowchart TD\n${lines.join('\n')}\n`;
}
