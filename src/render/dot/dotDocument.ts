import { digraph, type GraphAttributesObject, type RootGraphModel, toDot } from 'ts-graphviz';
import { dotLines } from '../label.js';
import { DOT_FONT } from '../palette.js';
import { NOTE_COLORS } from './dotStyle.js';

/** The DOT id of the note box; renderers give their boxes ids that never clash with it. */
const NOTE_ID = 'note';

/**
 * A heapdot picture as a DOT document: a digraph named `name` with `attributes`, the node and
 * edge defaults every picture shares (so pictures look alike side by side), then what `build`
 * adds; the DOT text ends with a newline.
 * ts-graphviz caps a conversion at 100,000 syntax nodes to protect parsers from hostile DOT;
 * heapdot's models are its own, sized by --max-nodes, --too-many and the chain's length, so the
 * cap is lifted rather than failing on a long chain.
 */
export function dotDocument(
  name: string,
  attributes: GraphAttributesObject,
  build: (graph: RootGraphModel) => void,
): string {
  const graph = digraph(name, attributes, (g) => {
    // The wide side margin leaves room for fonts wider than the Helvetica metrics Graphviz
    // estimates with (DejaVu Sans, when the WASM SVG becomes a PNG on Linux).
    g.node({ shape: 'box', style: 'filled', fontname: DOT_FONT, fontsize: 10, margin: '0.2,0.06' });
    g.edge({ fontname: DOT_FONT, fontsize: 9 });
    build(g);
  });
  return `${toDot(graph, { convert: { maxASTNodes: 0 } })}\n`;
}

/** One note box with every note, or nothing when there are none. */
export function addNotes(graph: RootGraphModel, notes: readonly string[]): void {
  if (notes.length === 0) return;
  graph.createNode(NOTE_ID, { label: dotLines(notes), ...NOTE_COLORS });
}
