/** The snapshot's `snapshot` section, checked: fields and types are found by name, never by position. */
export interface SnapshotHeader {
  nodeFields: string[];
  nodeTypes: string[];
  edgeFields: string[];
  edgeTypes: string[];
  locationFields: string[];
  /** Allocation stacks: the fields of a trace_function_infos record and of a trace_tree node. */
  traceFunctionInfoFields: string[];
  traceNodeFields: string[];
  nodeCount: number;
  edgeCount: number;
  /** The node index (not ordinal) of the root; DevTools honours it, V8 always writes 0. */
  rootIndex: number;
  traceFunctionCount: number;
  extraNativeBytes: number | undefined;
}

const REQUIRED_NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count'];
const REQUIRED_EDGE_FIELDS = ['type', 'name_or_index', 'to_node'];

/** Returns the checked header, or a sentence saying what is wrong with it. */
export function parseHeader(value: unknown): SnapshotHeader | string {
  if (!isRecord(value)) return 'the "snapshot" header is not an object';
  const meta = value.meta;
  if (!isRecord(meta)) return 'the header has no "meta" object';
  const nodeFields = stringList(meta.node_fields);
  const edgeFields = stringList(meta.edge_fields);
  if (!nodeFields) return 'meta.node_fields is not a list of names';
  if (!edgeFields) return 'meta.edge_fields is not a list of names';
  const missingNode = REQUIRED_NODE_FIELDS.find((field) => !nodeFields.includes(field));
  if (missingNode) return `meta.node_fields lacks "${missingNode}"`;
  const missingEdge = REQUIRED_EDGE_FIELDS.find((field) => !edgeFields.includes(field));
  if (missingEdge) return `meta.edge_fields lacks "${missingEdge}"`;
  const nodeTypes = typeList(meta.node_types, nodeFields.indexOf('type'));
  const edgeTypes = typeList(meta.edge_types, edgeFields.indexOf('type'));
  if (!nodeTypes) return 'meta.node_types has no list of type names for "type"';
  if (!edgeTypes) return 'meta.edge_types has no list of type names for "type"';
  // Type codes are kept in bytes.
  if (nodeTypes.length > 256 || edgeTypes.length > 256) return 'meta lists more than 256 node or edge types';
  const nodeCount = value.node_count;
  const edgeCount = value.edge_count;
  if (!isCount(nodeCount) || nodeCount === 0)
    return 'node_count is not a whole number >= 1 (the root is a node)';
  if (!isCount(edgeCount)) return 'edge_count is not a whole number >= 0';
  const rootIndex = value.root_index ?? 0;
  if (!isCount(rootIndex) || rootIndex % nodeFields.length !== 0) return 'root_index is not a node index';
  if (nodeCount > 0 && rootIndex / nodeFields.length >= nodeCount) return 'root_index is past the last node';
  const traceFunctionCount = value.trace_function_count ?? 0;
  const extraNativeBytes = value.extra_native_bytes;
  return {
    nodeFields,
    nodeTypes,
    edgeFields,
    edgeTypes,
    locationFields: stringList(meta.location_fields) ?? [],
    traceFunctionInfoFields: stringList(meta.trace_function_info_fields) ?? [],
    traceNodeFields: stringList(meta.trace_node_fields) ?? [],
    nodeCount,
    edgeCount,
    rootIndex,
    traceFunctionCount: isCount(traceFunctionCount) ? traceFunctionCount : 0,
    extraNativeBytes: typeof extraNativeBytes === 'number' ? extraNativeBytes : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

function typeList(value: unknown, typeField: number): string[] | undefined {
  return Array.isArray(value) ? stringList(value[typeField]) : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}
