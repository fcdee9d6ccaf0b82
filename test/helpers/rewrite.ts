import { readFileSync } from 'node:fs';

/**
 * A real snapshot as plain JSON, for rewriting into the format variants the reader must accept.
 * (Test snapshots are a few MB; JSON.parse is fine here, never in the reader.)
 */
export interface SnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: unknown[];
      edge_fields: string[];
      edge_types: unknown[];
      location_fields: string[];
      [key: string]: unknown;
    };
    node_count: number;
    edge_count: number;
    [key: string]: unknown;
  };
  nodes: number[];
  edges: number[];
  strings: string[];
  locations?: number[];
  [section: string]: unknown;
}

export function loadJson(path: string): SnapshotJson {
  return JSON.parse(readFileSync(path, 'utf8')) as SnapshotJson;
}

/** Drops a node field (e.g. trace_node_id, as newer V8 does) and rescales every node index. */
export function withoutNodeField(json: SnapshotJson, field: string): SnapshotJson {
  const fields = json.snapshot.meta.node_fields;
  const drop = fields.indexOf(field);
  if (drop === -1) throw new Error(`no node field ${field}`);
  const nodeTypes = [...json.snapshot.meta.node_types];
  nodeTypes.splice(drop, 1);
  return withNodeLayout(
    json,
    fields.filter((_, index) => index !== drop),
    nodeTypes,
    json.nodes.filter((_, index) => index % fields.length !== drop),
  );
}

/**
 * Adds a node field at `at` (e.g. Node 20's trace_node_id, before detachedness), `value` in every
 * node, and rescales every node index: the inverse of withoutNodeField.
 */
export function withNodeField(json: SnapshotJson, field: string, at: number, value = 0): SnapshotJson {
  const fields = json.snapshot.meta.node_fields;
  if (fields.includes(field)) throw new Error(`node field ${field} is there already`);
  const nodes: number[] = [];
  for (let node = 0; node < json.nodes.length; node += fields.length) {
    nodes.push(
      ...json.nodes.slice(node, node + at),
      value,
      ...json.nodes.slice(node + at, node + fields.length),
    );
  }
  const nodeTypes = [...json.snapshot.meta.node_types];
  nodeTypes.splice(at, 0, 'number');
  return withNodeLayout(json, [...fields.slice(0, at), field, ...fields.slice(at)], nodeTypes, nodes);
}

/** The snapshot with other node fields and nodes, its node indexes (to_node, object_index) rescaled. */
function withNodeLayout(
  json: SnapshotJson,
  fields: string[],
  nodeTypes: unknown[],
  nodes: number[],
): SnapshotJson {
  const oldCount = json.snapshot.meta.node_fields.length;
  const rescale = (values: number[], fieldNames: string[], indexField: string) => {
    const width = fieldNames.length;
    const at = fieldNames.indexOf(indexField);
    return values.map((value, index) => (index % width === at ? (value / oldCount) * fields.length : value));
  };
  const meta = json.snapshot.meta;
  return {
    ...json,
    snapshot: { ...json.snapshot, meta: { ...meta, node_fields: fields, node_types: nodeTypes } },
    nodes,
    edges: rescale(json.edges, meta.edge_fields, 'to_node'),
    locations: rescale(json.locations ?? [], meta.location_fields, 'object_index'),
  };
}

/** The same sections with `name: value` inserted before `before`. */
export function withSection(
  json: SnapshotJson,
  name: string,
  value: unknown,
  before = 'strings',
): SnapshotJson {
  const out: Record<string, unknown> = {};
  for (const [key, section] of Object.entries(json)) {
    if (key === before) out[name] = value;
    out[key] = section;
  }
  return out as SnapshotJson;
}

export type Layout = 'one-line' | 'element-per-line' | 'v8';

/** Serializes in a layout: everything on one line, one array element per line, or V8's one node per line. */
export function serialize(json: SnapshotJson, layout: Layout): string {
  if (layout === 'one-line') return JSON.stringify(json);
  if (layout === 'element-per-line') return JSON.stringify(json, null, 1);
  const sections = Object.entries(json).map(([key, value]) => {
    if (key === 'nodes' || key === 'edges') {
      const width =
        key === 'nodes' ? json.snapshot.meta.node_fields.length : json.snapshot.meta.edge_fields.length;
      const rows: string[] = [];
      for (let i = 0; i < (value as number[]).length; i += width)
        rows.push((value as number[]).slice(i, i + width).join(','));
      return `${JSON.stringify(key)}:[${rows.join('\n,')}]`;
    }
    if (key === 'strings')
      return `${JSON.stringify(key)}:[${(value as string[]).map((s) => JSON.stringify(s)).join(',\n')}]`;
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{${sections.join(',\n')}}`;
}

/**
 * Takes every edge into the objects named `name` away from them: made weak (nothing but weak edges
 * holds them: `weak-only`), or pointed at the root instead (nothing holds them: `unreachable`, which
 * V8 never writes on its own).
 */
export function withoutHolders(json: SnapshotJson, name: string, how: 'weak' | 'unreachable'): SnapshotJson {
  const meta = json.snapshot.meta;
  const nodeWidth = meta.node_fields.length;
  const nameField = meta.node_fields.indexOf('name');
  const edgeWidth = meta.edge_fields.length;
  const typeField = meta.edge_fields.indexOf('type');
  const toField = meta.edge_fields.indexOf('to_node');
  const weak = (meta.edge_types[0] as string[]).indexOf('weak');
  const held = new Set<number>();
  for (let node = 0; node < json.nodes.length; node += nodeWidth)
    if (json.strings[json.nodes[node + nameField]] === name) held.add(node);
  if (held.size === 0) throw new Error(`no node named ${name}`);
  const edges = [...json.edges];
  for (let edge = 0; edge < edges.length; edge += edgeWidth) {
    if (!held.has(edges[edge + toField])) continue;
    if (how === 'weak') edges[edge + typeField] = weak;
    else edges[edge + toField] = 0;
  }
  return { ...json, edges };
}
