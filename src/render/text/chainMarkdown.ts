import type { EdgeSummary } from '../../analysis/types.js';
import { leftOutNote } from '../../view/exclusions.js';
import type { ChainView, FoundChainView, NodeView, UserChain } from '../../view/types.js';
import { edgeLabel } from '../edgeLabel.js';
import { formatBytes } from '../formatBytes.js';
import { cutText, NAME_MAX, visibleText } from '../label.js';
import { chainToText } from './chainText.js';
import { codeSpan, escapeMarkdownText, fencedBlock, markdownTable } from './markdownText.js';
import { notFoundNote } from './notFound.js';
import { accessPathLine } from './userChainText.js';

function nameSpan(text: string, inTable = false): string {
  return codeSpan(visibleText(cutText(text, NAME_MAX)), { inTable });
}

function targetWords(view: ChainView): string {
  return `${nameSpan(view.target.title)} ${codeSpan(`@${view.target.id}`)} in ${nameSpan(view.snapshotName)}`;
}

function edgeCell(edge: EdgeSummary | undefined): string {
  if (edge === undefined) return '';
  return `${nameSpan(edgeLabel(edge), true)} ${escapeMarkdownText(`(${edge.type})`)}`;
}

function rowCells(node: NodeView, step: number, edge: EdgeSummary | undefined): string[] {
  return [
    String(step),
    edgeCell(edge),
    nameSpan(node.title, true),
    codeSpan(`@${node.id}`),
    formatBytes(node.selfSize),
    node.distance === undefined ? '' : String(node.distance),
  ];
}

const TABLE_HEADER = ['step', 'edge', 'class', 'id', 'self size', 'distance'];
/** step, self size and distance are numbers: aligned right. */
const RIGHT_COLUMNS = [0, 4, 5];

function chainTable(view: ChainView): string {
  const rows = view.nodes.map((node, step) => rowCells(node, step, view.edges[step - 1]));
  return markdownTable(TABLE_HEADER, rows, RIGHT_COLUMNS);
}

const USER_HEADER = ['step', 'reference', 'class', 'id', 'self size', 'folded'];
const USER_RIGHT = [0, 4, 5];

/** One row for the anchor, one per user-level step, with how many internal objects each folds. */
function userTable(user: UserChain): string {
  const row = (step: number, reference: string, node: NodeView, folded: number) => [
    String(step),
    nameSpan(reference, true),
    nameSpan(node.className, true),
    codeSpan(`@${node.id}`),
    formatBytes(node.selfSize),
    String(folded),
  ];
  const rows = [row(0, user.anchor.name, user.anchor.node, 0)];
  user.steps.forEach((step, position) => {
    rows.push(row(position + 1, step.label, step.node, step.rawNodes.length));
  });
  return markdownTable(USER_HEADER, rows, USER_RIGHT);
}

function rootWords(view: FoundChainView): string {
  const root = view.rootKind === 'system' ? 'a system root' : 'a user root';
  return `Distance ${view.distance} from ${root}.`;
}

/**
 * The chain for an issue: a heading naming the target and the snapshot, the text form in a
 * fenced block, and a table (step, edge, class, id, self size, distance). Names are code spans,
 * so nothing in a heap string formats, links or mentions anyone.
 */
export function chainToMarkdown(view: ChainView): string {
  const text = fencedBlock(chainToText(view, { color: false }));
  if (!view.found) {
    const why = sentence(notFoundNote(view.reason));
    return `### No retainer chain for ${targetWords(view)}\n\n${why}\n\n${leftOutLine(view)}${text}`;
  }
  const heading = `### Retainer chain of ${targetWords(view)}`;
  if (view.user)
    return `${heading}\n\n${codeSpan(visibleText(accessPathLine(view.user)))}\n\n${leftOutLine(view)}${text}\n${userTable(view.user)}`;
  return `${heading}\n\n${rootWords(view)}\n\n${leftOutLine(view)}${text}\n${chainTable(view)}`;
}

/** `Left out: @123 and class /Cache/ (3 objects).` as a paragraph, when --ignore or --avoid left any. */
function leftOutLine(view: ChainView): string {
  return view.leftOut === undefined ? '' : `${sentence(leftOutNote(view.leftOut))}\n\n`;
}

/** A note as a sentence of Markdown text: capitalised, a full stop, nothing in it formats. */
function sentence(note: string): string {
  return escapeMarkdownText(`${note[0].toUpperCase()}${note.slice(1)}.`);
}
