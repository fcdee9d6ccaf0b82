import fc from 'fast-check';

/**
 * Random object graphs as JavaScript programs, for the property test of the user view's access
 * paths (issue 16, "Must show" 4). A model is a list of containers (plain objects, arrays, Maps,
 * Sets, closures, closures two scopes deep), each holding some of the others (cycles allowed),
 * some held by module variables or globalThis properties. The program builds the graph the same
 * way on every run, so one run writes the snapshot and a second evaluates access paths in it.
 */

export type Kind = 'object' | 'array' | 'map' | 'set' | 'closure' | 'nested';

export interface ContainerModel {
  kind: Kind;
  /** The indexes of the containers this one holds, in order. */
  holds: number[];
}

export interface GraphModel {
  containers: ContainerModel[];
  /** Per container: held by a module variable `r<i>`, a global `g<i>`, or neither. */
  roots: ('module' | 'global' | 'none')[];
}

const KINDS: Kind[] = ['object', 'array', 'map', 'set', 'closure', 'nested'];

export const graphModel: fc.Arbitrary<GraphModel> = fc.integer({ min: 2, max: 9 }).chain((count) =>
  fc.record({
    containers: fc.array(
      fc.record({
        kind: fc.constantFrom(...KINDS),
        holds: fc.array(fc.integer({ min: 0, max: count - 1 }), { maxLength: 4 }),
      }),
      { minLength: count, maxLength: count },
    ),
    // The first container is always a root, so every graph has something alive.
    roots: fc
      .array(fc.constantFrom<'module' | 'global' | 'none'>('module', 'global', 'none', 'none'), {
        minLength: count - 1,
        maxLength: count - 1,
      })
      .chain((rest) =>
        fc.constantFrom<'module' | 'global'>('module', 'global').map((first) => [first, ...rest]),
      ),
  }),
);

/** The tag each container carries in its `__tag` property (`T<graph>_<index>`): how a test finds it. */
export function tagOf(key: string): string {
  return `T${key}`;
}

/** The variable names a closure captures: one per held container, `c<graph>_<index>_<j>`. */
function variables(key: string, count: number): string[] {
  return Array.from({ length: count }, (_, j) => `c${key}_${j}`);
}

/** A closure that returns a captured variable by name, or sets it when given a value. */
function accessor(key: string, names: string[]): string {
  const reads = names.map((name) => `case '${name}': return ${name};`).join(' ');
  const writes = names.map((name) => `case '${name}': ${name} = value[0]; return;`).join(' ');
  return `function n${key}(name, ...value) { if (value.length > 0) { switch (name) { ${writes} } } switch (name) { ${reads} } }`;
}

function factory(key: string, container: ContainerModel): string {
  const names = variables(key, container.holds.length);
  if (container.kind === 'closure') {
    const lets = names.length > 0 ? `let ${names.join(', ')}; ` : '';
    return `function make${key}() { ${lets}return ${accessor(key, names)}; }`;
  }
  // Two scopes: the first half of the variables in the factory's, the rest in an inner function's.
  const half = Math.ceil(names.length / 2);
  const outer = names.slice(0, half);
  const inner = names.slice(half);
  const outerLets = outer.length > 0 ? `let ${outer.join(', ')}; ` : '';
  const innerLets = inner.length > 0 ? `let ${inner.join(', ')}; ` : '';
  return `function make${key}() { ${outerLets}return (function middle${key}() { ${innerLets}return ${accessor(key, names)}; })(); }`;
}

function create(key: string, kind: Kind): string {
  const value = { object: '{}', array: '[]', map: 'new Map()', set: 'new Set()' } as Record<Kind, string>;
  return kind === 'closure' || kind === 'nested' ? `make${key}()` : value[kind];
}

function fill(graph: number, index: number, container: ContainerModel): string[] {
  const names = variables(`${graph}_${index}`, container.holds.length);
  const n = `n${graph}_${index}`;
  return container.holds.map((heldIndex, j) => {
    const held = `${graph}_${heldIndex}`;
    switch (container.kind) {
      case 'object':
        return `${n}.p${j} = n${held};`;
      case 'array':
        return `${n}.push(n${held});`;
      case 'map':
        return `${n}.set('k${j}', n${held});`;
      case 'set':
        return `${n}.add(n${held});`;
      default:
        return `${n}('${names[j]}', n${held});`;
    }
  });
}

/**
 * The program of several graphs (their names apart by a `<graph>_` prefix): `node program.mjs
 * snapshot OUT` writes the heap snapshot; `node program.mjs eval FILE` reads a JSON array of
 * expressions, evaluates each in the module's scope (a direct eval, so module variables are in
 * reach) and prints the `__tag` of each result as a JSON array. `__member(set, tag)` is the
 * harness's way to name a Set's member, which JavaScript has no expression for.
 */
export function programOf(models: readonly GraphModel[]): string {
  const lines = [
    "import { readFileSync } from 'node:fs';",
    "import v8 from 'node:v8';",
    ...models.flatMap((model, graph) => graphLines(model, graph)),
  ];
  lines.push(
    'function __member(set, tag) { for (const member of set) if (member?.__tag === tag) return member; }',
    'function evaluate(code) { return eval(code); }',
    "if (process.argv[2] === 'snapshot') v8.writeHeapSnapshot(process.argv[3]);",
    "else process.stdout.write(JSON.stringify(JSON.parse(readFileSync(process.argv[3], 'utf8')).map((code) => { try { return evaluate(code)?.__tag ?? null; } catch (error) { return 'threw ' + error.message; } })));",
  );
  return `${lines.join('\n')}\n`;
}

/** One graph: factories for its closures, a function that builds it, its roots. */
function graphLines(model: GraphModel, graph: number): string[] {
  const { containers, roots } = model;
  const key = (index: number) => `${graph}_${index}`;
  const all = containers.map((_, index) => `n${key(index)}`).join(', ');
  return [
    ...containers.flatMap((container, index) =>
      container.kind === 'closure' || container.kind === 'nested' ? [factory(key(index), container)] : [],
    ),
    `function build${graph}() {`,
    ...containers.map(
      (container, index) => `  const n${key(index)} = ${create(key(index), container.kind)};`,
    ),
    ...containers.map((_, index) => `  n${key(index)}.__tag = '${tagOf(key(index))}';`),
    ...containers.flatMap((container, index) => fill(graph, index, container).map((line) => `  ${line}`)),
    `  return [${all}];`,
    '}',
    // The builder's array is emptied once the roots are taken: only the roots hold the graph.
    `const built${graph} = build${graph}();`,
    ...roots.flatMap((root, index) => {
      if (root === 'module') return [`const r${key(index)} = built${graph}[${index}];`];
      if (root === 'global') return [`globalThis.g${key(index)} = built${graph}[${index}];`];
      return [];
    }),
    `built${graph}.length = 0;`,
  ];
}
