import { type RootGraphModel, toDot } from 'ts-graphviz';

/**
 * A graph model as DOT text, with a final newline. ts-graphviz caps a conversion at 100,000 syntax
 * nodes to protect parsers from hostile DOT; heapdot's models are its own, sized by --max-nodes,
 * --too-many and the chain's length, so the cap is lifted rather than failing on a long chain.
 */
export function dotText(graph: RootGraphModel): string {
  return `${toDot(graph, { convert: { maxASTNodes: 0 } })}\n`;
}
