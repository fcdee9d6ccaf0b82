// The side-by-side benchmark: heapdot against the floor (a bare byte scan), Chrome DevTools' heap snapshot
// loader and memlab, on synthetic snapshots made by bench/make-synthetic.mjs. See bench/README.md.
//
//   npm run bench                      240mb, 800mb and strings files, every tool
//   npm run bench:read                 the 240 MB file, the read rows only (floor, heapdot info)
//   npm run bench -- --files 240mb,strings --tools floor,chain --timeout 20m --huge --fresh
//
// Every measured command runs as its own child process, one at a time. Wall time is measured here around
// the child's whole life (spawn to exit, high-resolution clock); peak RSS comes from GNU time's %M
// (`/usr/bin/time -f '%e %M'`, the child's getrusage ru_maxrss) or, when GNU time is missing, from the
// child itself through `--import bench/rss-preload.mjs` (process.resourceUsage().maxRSS at exit).

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, hostname, release, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');
const peersDir = join(benchDir, '.peers');
const MEMLAB_VERSION = '2.0.5';
const BIG_HEAP = '--max-old-space-size=16000';

// ---------------------------------------------------------------------------------------------------------
// Options

type ToolKey = 'floor' | 'info' | 'chain' | 'backrefs' | 'dominators' | 'devtools' | 'memlab';
const ALL_TOOLS: ToolKey[] = ['floor', 'info', 'chain', 'backrefs', 'dominators', 'devtools', 'memlab'];
const READ_TOOLS: ToolKey[] = ['floor', 'info'];
const DEFAULT_FILES = ['240mb', '800mb', 'strings'];

interface Options {
  files: string[];
  tools: ToolKey[];
  timeoutMs: number;
  fresh: boolean;
  out: string;
  warm: boolean;
  repeat: number;
  target: string | undefined;
  /** Where the synthetic snapshots are written and reused. @default bench/.data */
  dataDir: string;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const HELP = `usage: node --import tsx bench/run.ts [options]
  --only read          just the 240 MB file and the read rows (floor, heapdot info)
  --files LIST         comma-separated: 240mb, 800mb, strings, huge, nN (e.g. n20000), strings-nN,
                       or a path to an existing .heapsnapshot (default: 240mb,800mb,strings)
  --huge               add the ~4 GB file (the 800 MB one replicated 5 times: bench/make-huge.mjs)
  --tools LIST         comma-separated subset of: ${ALL_TOOLS.join(', ')}
  --timeout T          per command: seconds, or with a unit: 90s, 15m, 1h (default 15m)
  --fresh              regenerate the synthetic files even if they exist
  --repeat N           run each command N times; report the fastest wall time and the largest RSS
  --target CLASS       the class chain and memlab look for (default ImageReqWrapper; TextHolder
                       on the strings files)
  --no-warm            do not read each file once (unmeasured) before measuring
  --out FILE           where to write the Markdown report (default bench/results.md)
  --data-dir DIR       where the synthetic files are made and kept (default bench/.data)

Exit status: 0 when every file was made and every row ran; 1 when one could not be (the report
says which); 2 bad usage.
`;

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) fail(`bad duration: ${text}`);
  const unit = m[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  return Number(m[1]) * factor;
}

function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseOptions(argv: string[]): Options {
  let files: string[] | undefined;
  let tools: ToolKey[] | undefined;
  let only: string | undefined;
  let huge = false;
  const opts: Options = {
    files: [],
    tools: [],
    timeoutMs: 15 * 60_000,
    fresh: false,
    out: join(benchDir, 'results.md'),
    warm: true,
    repeat: 1,
    target: undefined,
    dataDir: join(benchDir, '.data'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--only':
        only = value();
        if (only !== 'read') fail(`--only accepts "read", not ${only}`);
        break;
      case '--files':
        files = parseList(value());
        break;
      case '--tools': {
        const list = parseList(value());
        for (const t of list) if (!ALL_TOOLS.includes(t as ToolKey)) fail(`unknown tool ${t}`);
        tools = list as ToolKey[];
        break;
      }
      case '--huge':
        huge = true;
        break;
      case '--timeout':
        opts.timeoutMs = parseDuration(value());
        break;
      case '--fresh':
        opts.fresh = true;
        break;
      case '--repeat':
        opts.repeat = Number(value());
        if (!(Number.isInteger(opts.repeat) && opts.repeat >= 1)) fail('--repeat must be a positive integer');
        break;
      case '--target':
        opts.target = value();
        break;
      case '--no-warm':
        opts.warm = false;
        break;
      case '--out':
        opts.out = resolve(value());
        break;
      case '--data-dir':
        opts.dataDir = resolve(value());
        break;
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        process.exit(0);
        break;
      default:
        fail(`unknown argument ${arg}\n${HELP}`);
    }
  }
  opts.files = files ?? (only === 'read' ? ['240mb'] : [...DEFAULT_FILES]);
  if (huge && !opts.files.includes('huge')) opts.files.push('huge');
  opts.tools = tools ?? (only === 'read' ? [...READ_TOOLS] : [...ALL_TOOLS]);
  return opts;
}

// ---------------------------------------------------------------------------------------------------------
// Running children

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  wallS: number;
  rssKiB: number | undefined;
  stdout: string;
  stderr: string;
}

/** Keeps the first and the last `limit` characters of a stream (memlab prints a lot of progress). */
class Capture {
  private head = '';
  private tail = '';
  private truncated = false;
  constructor(private readonly limit = 64 * 1024) {}
  push(chunk: string): void {
    if (this.head.length < this.limit) {
      const room = this.limit - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk.length === 0) return;
    this.tail += chunk;
    if (this.tail.length > this.limit) {
      this.tail = this.tail.slice(this.tail.length - this.limit);
      this.truncated = true;
    }
  }
  text(): string {
    return this.truncated ? `${this.head}\n[...]\n${this.tail}` : this.head + this.tail;
  }
}

let current: ChildProcess | undefined;
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL'); // the child is a group leader (detached): time and node both go
  } catch {
    // already gone
  }
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (current) killGroup(current);
    process.exit(130);
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'heapdot-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let scratchCount = 0;

/** How peak RSS is measured: GNU time if `/usr/bin/time -f` works, else the --import preload. */
const rssMethod: 'gnu-time' | 'preload' = (() => {
  // HEAPDOT_BENCH_RSS=preload forces the fallback (to test it on a machine that has GNU time).
  if (process.env.HEAPDOT_BENCH_RSS === 'preload' || !existsSync('/usr/bin/time')) return 'preload';
  const probe = join(scratch, 'probe');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', probe, process.execPath, '-e', '0'], {
    stdio: 'ignore',
  });
  const ok = r.status === 0 && existsSync(probe) && /^[\d.]+ \d+\s*$/m.test(readFileSync(probe, 'utf8'));
  return ok ? 'gnu-time' : 'preload';
})();

/** Runs `node ...nodeArgs` as a measured child process. */
function runNode(nodeArgs: string[], timeoutMs: number, cwd = root): Promise<RunResult> {
  const rssFile = join(scratch, `rss-${++scratchCount}`);
  let command: string;
  let args: string[];
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  if (rssMethod === 'gnu-time') {
    command = '/usr/bin/time';
    args = ['-f', '%e %M', '-o', rssFile, process.execPath, ...nodeArgs];
  } else {
    command = process.execPath;
    args = ['--import', join(benchDir, 'rss-preload.mjs'), ...nodeArgs];
    env.HEAPDOT_BENCH_RSS_FILE = rssFile;
  }
  return new Promise((resolvePromise) => {
    const out = new Capture();
    const err = new Capture();
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (s: string) => out.push(s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => err.push(s));
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
      clearTimeout(timer);
      current = undefined;
      const wallS = (performance.now() - t0) / 1000;
      let rssKiB: number | undefined;
      let exitCode = code;
      if (existsSync(rssFile)) {
        const text = readFileSync(rssFile, 'utf8');
        if (rssMethod === 'gnu-time') {
          // "Command exited with non-zero status 1" may come first; the figures are on the last line.
          const m = /([\d.]+) (\d+)\s*$/.exec(text);
          if (m) rssKiB = Number(m[2]);
          // time exits with the child's status; a child killed by a signal shows up in this line.
          if (/Command terminated by signal/.test(text) && exitCode === 0) exitCode = 1;
        } else {
          const v = Number(text.trim());
          if (Number.isFinite(v) && v > 0) rssKiB = v;
        }
      }
      const stderr = spawnError ? `${err.text()}\nerror: ${spawnError.message}` : err.text();
      resolvePromise({ code: exitCode, signal, timedOut, wallS, rssKiB, stdout: out.text(), stderr });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Runs an unmeasured helper (npm, the maker), output passed through to our stderr. */
function runPlain(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const r = spawnSync(command, args, { cwd: root, env, stdio: ['ignore', 2, 2] });
  return r.status ?? 1;
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The line of a failed command's output that says what went wrong. */
function errorLine(stderr: string, stdout: string): string {
  const lines = `${stderr}\n${stdout}`
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('Command exited with non-zero status'));
  const patterns = [
    /^error: /i,
    /^FATAL ERROR:/,
    /^(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception)\b/,
    /^heapdot: /,
    /Error: /,
    /out of memory|heap limit|Invalid string length/i,
  ];
  for (const p of patterns) {
    const hit = lines.find((l) => p.test(l));
    if (hit) return clip(hit.replace(/^error: /i, ''));
  }
  return clip(lines[0] ?? 'no output');
}

// ---------------------------------------------------------------------------------------------------------
// Setup: build, memlab, synthetic files

interface Availability {
  ok: boolean;
  reason: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const m = statSync(join(entry.parentPath, entry.name)).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

function ensureBuild(): Availability {
  const bin = join(root, 'bin', 'heapdot.js');
  if (!existsSync(bin)) return { ok: false, reason: 'bin/heapdot.js does not exist' };
  const dist = join(root, 'dist');
  const srcNewest = newestMtime(join(root, 'src'));
  if (!existsSync(dist) || newestMtime(dist) < srcNewest) {
    process.stderr.write('bench: dist/ is missing or older than src/: npm run build\n');
    const status = runPlain('npm', ['run', 'build', '--silent']);
    if (status !== 0) {
      if (!existsSync(join(dist, 'cli')))
        return { ok: false, reason: `npm run build failed (exit ${status})` };
      process.stderr.write(`bench: npm run build exited ${status}; dist/ exists, measuring it anyway\n`);
    }
  }
  return { ok: true, reason: '' };
}

function memlabInstalled(): boolean {
  return existsSync(join(peersDir, 'node_modules', '@memlab', 'heap-analysis', 'package.json'));
}

function ensureMemlab(): Availability {
  if (memlabInstalled()) return { ok: true, reason: '' };
  process.stderr.write(`bench: installing memlab@${MEMLAB_VERSION} into bench/.peers (not a dependency)\n`);
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' };
  const r = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      peersDir,
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      `memlab@${MEMLAB_VERSION}`,
    ],
    { cwd: root, env, encoding: 'utf8', timeout: 10 * 60_000 },
  );
  if (r.status === 0 && memlabInstalled()) return { ok: true, reason: '' };
  const why = r.error ? r.error.message : errorLine(r.stderr ?? '', r.stdout ?? '');
  return { ok: false, reason: `npm install memlab@${MEMLAB_VERSION} failed: ${why}` };
}

interface SnapshotFile {
  name: string;
  path: string;
  bytes: number;
  nodes: number | undefined;
  edges: number | undefined;
  /** The class whose retainer chain `heapdot chain` and memlab look for. */
  target: string;
}

function makerArgs(name: string): string[] | undefined {
  const presets: Record<string, string> = {
    '240mb': '4096',
    '800mb': '8192',
    strings: '8192',
  };
  // The ~4 GB file is the 800 MB one replicated (bench/make-huge.mjs says why), so that one comes first.
  if (name === 'huge') return ['--max-old-space-size=4096'];
  if (name in presets) return [`--max-old-space-size=${presets[name]}`, '--preset', name];
  const custom = /^(strings-)?n(\d+)$/.exec(name);
  if (custom) {
    const args = ['--max-old-space-size=8192', '--n', custom[2]];
    if (custom[1]) args.push('--strings');
    return args;
  }
  return undefined;
}

function ensureFile(
  name: string,
  fresh: boolean,
  targetOverride: string | undefined,
  dataDir: string,
): SnapshotFile | { error: string } {
  let path: string;
  const args = makerArgs(name);
  if (args) {
    path = join(dataDir, `synthetic-${name}.heapsnapshot`);
    if (fresh || !existsSync(path)) {
      if (name === 'huge') {
        const source = ensureFile('800mb', false, targetOverride, dataDir);
        if ('error' in source) return source;
        args.push('--from', source.path);
      }
      process.stderr.write(`bench: writing ${relative(root, path)} ...\n`);
      const [heapFlag, ...rest] = args;
      const maker = name === 'huge' ? 'make-huge.mjs' : 'make-synthetic.mjs';
      const makerCmd = [heapFlag, join(benchDir, maker), ...rest, '--out', path];
      if (fresh) makerCmd.push('--fresh');
      const status = runPlain(process.execPath, makerCmd);
      if (status !== 0 || !existsSync(path)) return { error: `${maker} failed (exit ${status})` };
    }
  } else if (existsSync(name)) {
    path = resolve(name);
  } else {
    return { error: `unknown file ${name} (not a preset, not nN, not an existing path)` };
  }
  const { nodes, edges } = headerCounts(path);
  const target = targetOverride ?? (/^strings(-n\d+)?$/.test(name) ? 'TextHolder' : 'ImageReqWrapper');
  return { name, path, bytes: statSync(path).size, nodes, edges, target };
}

/** node_count and edge_count from the snapshot's header (the first few KiB). */
function headerCounts(path: string): { nodes: number | undefined; edges: number | undefined } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('latin1');
    const nodes = /"node_count"\s*:\s*(\d+)/.exec(text);
    const edges = /"edge_count"\s*:\s*(\d+)/.exec(text);
    return { nodes: nodes ? Number(nodes[1]) : undefined, edges: edges ? Number(edges[1]) : undefined };
  } finally {
    closeSync(fd);
  }
}

/** Reads the file once so every tool starts with the same (warm) page cache. */
async function warm(path: string): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: 4 * 1024 * 1024 });
  for await (const _ of stream) {
    // discard
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tools

interface Row {
  tool: ToolKey;
  label: string;
  status: 'ok' | 'fails' | 'unavailable';
  wallS?: number;
  rssMB?: number;
  result: string;
}

const LABELS: Record<ToolKey, string> = {
  floor: 'floor (byte scan + number parse)',
  info: 'heapdot info',
  chain: 'heapdot chain',
  backrefs: 'heapdot backrefs',
  dominators: 'heapdot dominators',
  devtools: 'DevTools loader',
  memlab: `memlab ${MEMLAB_VERSION} (parse + path)`,
};

function toolArgs(tool: ToolKey, snapshot: SnapshotFile): string[] {
  const file = snapshot.path;
  const bin = join(root, 'bin', 'heapdot.js');
  switch (tool) {
    case 'floor':
      return [join(benchDir, 'floor.mjs'), file];
    case 'info':
      return [bin, 'info', file, '--no-progress', '--format', 'json'];
    case 'chain':
      return [bin, 'chain', file, snapshot.target, '--no-progress', '--format', 'json'];
    case 'dominators':
      // Read, distances, dominator tree and retained sizes of every node; then the target's chain.
      return [bin, 'dominators', file, snapshot.target, '--no-progress', '--format', 'json'];
    case 'backrefs':
      // The global error object that holds every 1000th request (issue: backrefs within 1.5x of info);
      // the strings file has none, so there it is the nearest TextHolder.
      return [
        bin,
        'backrefs',
        file,
        snapshot.target === 'TextHolder' ? 'TextHolder' : 'ImageFormatError',
        '--no-progress',
        '--format',
        'json',
      ];
    case 'devtools':
      return [BIG_HEAP, join(benchDir, 'devtools-load.mjs'), file];
    case 'memlab':
      return [BIG_HEAP, join(benchDir, 'memlab-path.mjs'), file, snapshot.target];
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The last line of stdout that parses as JSON (memlab prints progress before it). */
function lastJson(stdout: string): unknown {
  const whole = stdout.trim();
  try {
    return JSON.parse(whole);
  } catch {
    // fall through to line by line
  }
  const lines = whole.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    // memlab's progress lines start with an ANSI erase-line sequence: look from the first brace.
    const start = lines[i].indexOf('{');
    if (start < 0) continue;
    const line = lines[i].slice(start).trim();
    try {
      return JSON.parse(line);
    } catch {
      // keep looking
    }
  }
  return undefined;
}

function fmtCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} k`;
  return String(n);
}

/** A short, tool-specific summary of a successful run's output (a sanity check on what was measured). */
function summarize(tool: ToolKey, stdout: string): string {
  const json = lastJson(stdout);
  if (!isRecord(json)) return json === undefined ? 'ok (no JSON output)' : 'ok';
  const num = (k: string): number | undefined =>
    typeof json[k] === 'number' ? (json[k] as number) : undefined;
  switch (tool) {
    case 'floor':
      return `${num('mbPerS')} MB/s, ${fmtCount(num('numbers') ?? 0)} numbers`;
    case 'devtools':
      return `${fmtCount(num('nodeCount') ?? 0)} nodes, ${fmtCount(num('edgeCount') ?? 0)} edges`;
    case 'memlab':
      return `path of ${num('pathLength')} edges to ${json.target}`;
    case 'chain': {
      if (json.found !== true) return `not found: ${String(json.reason)}`;
      const target = isRecord(json.target)
        ? `${json.target.className ?? json.target.name} @${json.target.id}`
        : '';
      const edges = Array.isArray(json.edges) ? json.edges.length : undefined;
      return `distance ${num('distance')} (${edges} edges), ${String(json.rootKind)} root, ${target}`.trim();
    }
    case 'dominators': {
      const chain = Array.isArray(json.chain) ? json.chain.length : 0;
      const target = isRecord(json.target)
        ? `${json.target.className} @${json.target.id}, retained ${json.target.retainedSize}`
        : '';
      return `chain of ${chain} dominators to ${target}`;
    }
    case 'backrefs': {
      const nodes = Array.isArray(json.nodes) ? json.nodes.length : 0;
      const edges = Array.isArray(json.edges) ? json.edges.length : 0;
      return `${nodes} nodes, ${edges} edges${Array.isArray(json.notes) && json.notes.length > 0 ? `; ${json.notes[0]}` : ''}`;
    }
    case 'info': {
      // The shape of `info --format json` is heapdot's; show any node/edge counts it has.
      const parts: string[] = [];
      const visit = (o: Record<string, unknown>, depth: number): void => {
        for (const [k, v] of Object.entries(o)) {
          const m = /^(node|edge)s?(_?count)?$/i.exec(k);
          if (typeof v === 'number' && m) parts.push(`${fmtCount(v)} ${m[1].toLowerCase()}s`);
          else if (isRecord(v) && depth < 1) visit(v, depth + 1);
        }
      };
      visit(json, 0);
      return parts.length > 0 ? parts.slice(0, 3).join(', ') : 'ok';
    }
  }
}

/** Runs one tool on one file `opts.repeat` times: the fastest wall time, the largest peak RSS. */
async function measureTool(
  tool: ToolKey,
  file: SnapshotFile,
  opts: Options,
  avail: Availability,
): Promise<Row> {
  const label = LABELS[tool];
  if (!avail.ok) return { tool, label, status: 'unavailable', result: avail.reason };
  const row: Row = { tool, label, status: 'ok', result: '' };
  for (let run = 1; run <= opts.repeat; run++) {
    const of = opts.repeat > 1 ? ` (run ${run}/${opts.repeat})` : '';
    process.stderr.write(`bench: ${file.name}: ${label}${of} ... `);
    const r = await runNode(toolArgs(tool, file), opts.timeoutMs);
    const rssMB = r.rssKiB === undefined ? undefined : (r.rssKiB * 1024) / 1e6;
    const rss = rssMB === undefined ? '? MB' : `${rssMB.toFixed(0)} MB`;
    if (r.timedOut || r.code !== 0) {
      // A failure is reported with its own time and memory; no further runs.
      row.status = 'fails';
      row.wallS = r.wallS;
      row.rssMB = rssMB;
      row.result = r.timedOut
        ? `timeout after ${(opts.timeoutMs / 1000).toFixed(0)} s (killed)`
        : `${errorLine(r.stderr, r.stdout)} (${r.signal ? `signal ${r.signal}` : `exit ${r.code}`})`;
      process.stderr.write(`${r.wallS.toFixed(2)} s, ${rss}, fails: ${row.result}\n`);
      return row;
    }
    process.stderr.write(`${r.wallS.toFixed(2)} s, ${rss}\n`);
    if (row.wallS === undefined || r.wallS < row.wallS) {
      row.wallS = r.wallS;
      row.result = summarize(tool, r.stdout);
    }
    if (rssMB !== undefined && (row.rssMB === undefined || rssMB > row.rssMB)) row.rssMB = rssMB;
  }
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Report

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || b === 0) return '–';
  return `${(a / b).toFixed(2)}×`;
}

function ok(rows: Row[], tool: ToolKey): Row | undefined {
  return rows.find((r) => r.tool === tool && r.status === 'ok');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function fileTable(file: SnapshotFile, rows: Row[]): string {
  const ref = ok(rows, 'chain') ?? ok(rows, 'info');
  const refName = ref ? LABELS[ref.tool] : 'heapdot';
  const counts =
    file.nodes !== undefined && file.edges !== undefined
      ? `, ${fmtCount(file.nodes)} nodes, ${fmtCount(file.edges)} edges`
      : '';
  const out: string[] = [];
  out.push(`### ${basename(file.path)} (${(file.bytes / 1e6).toFixed(0)} MB${counts})`);
  out.push('');
  out.push(`| tool | wall s | peak RSS MB | time ÷ ${refName} | RSS ÷ ${refName} | result |`);
  out.push('|---|--:|--:|--:|--:|---|');
  for (const r of rows) {
    const wall = r.wallS === undefined ? '–' : r.wallS.toFixed(2);
    const rss = r.rssMB === undefined ? '–' : r.rssMB.toFixed(0);
    const timeRatio = r.status === 'ok' ? ratio(r.wallS, ref?.wallS) : '–';
    const rssRatio = r.status === 'ok' ? ratio(r.rssMB, ref?.rssMB) : '–';
    const result = r.status === 'ok' ? r.result : `${r.status}: ${r.result}`;
    out.push(`| ${r.label} | ${wall} | ${rss} | ${timeRatio} | ${rssRatio} | ${escapeCell(result)} |`);
  }

  const floor = ok(rows, 'floor');
  const info = ok(rows, 'info');
  const chain = ok(rows, 'chain');
  const devtools = ok(rows, 'devtools');
  const memlab = ok(rows, 'memlab');
  const heapdot = chain ?? info;
  const hd = heapdot ? LABELS[heapdot.tool] : 'heapdot';
  const ratios: string[] = [];
  const requested = new Set(rows.map((r) => r.tool));
  /** Why a ratio is missing: the rows on either side that did not succeed. */
  const why = (...tools: ToolKey[]): string => {
    const bad = rows.filter((r) => tools.includes(r.tool) && r.status !== 'ok');
    return bad.length === 0 ? '' : ` (${bad.map((r) => `${r.label} ${r.status}`).join('; ')})`;
  };
  if (requested.has('info') && requested.has('floor'))
    ratios.push(`- heapdot info ÷ floor, time: ${ratio(info?.wallS, floor?.wallS)}${why('info', 'floor')}`);
  const backrefs = ok(rows, 'backrefs');
  const dominators = ok(rows, 'dominators');
  if (requested.has('dominators') && requested.has('devtools'))
    ratios.push(
      `- heapdot dominators ÷ DevTools loader (which computes dominators too), time: ${ratio(dominators?.wallS, devtools?.wallS)}, RSS ${ratio(dominators?.rssMB, devtools?.rssMB)}${why('dominators', 'devtools')}`,
    );
  if (requested.has('backrefs') && requested.has('info'))
    ratios.push(
      `- heapdot backrefs ÷ heapdot info, time: ${ratio(backrefs?.wallS, info?.wallS)}${why('backrefs', 'info')}`,
    );
  if (requested.has('chain') && requested.has('info'))
    ratios.push(
      `- heapdot chain ÷ heapdot info, time: ${ratio(chain?.wallS, info?.wallS)}${why('chain', 'info')}`,
    );
  if (requested.has('devtools'))
    ratios.push(
      `- ${hd} ÷ DevTools loader: time ${ratio(heapdot?.wallS, devtools?.wallS)}, ` +
        `RSS ${ratio(heapdot?.rssMB, devtools?.rssMB)}${why('devtools', heapdot?.tool ?? 'chain')}`,
    );
  if (requested.has('memlab'))
    ratios.push(
      `- ${hd} ÷ memlab: time ${ratio(heapdot?.wallS, memlab?.wallS)}, ` +
        `RSS ${ratio(heapdot?.rssMB, memlab?.rssMB)}${why('memlab', heapdot?.tool ?? 'chain')}`,
    );
  if (ratios.length > 0) {
    out.push('');
    out.push('Ratios (smaller is better for heapdot; – = a side failed or was not run):');
    out.push('');
    out.push(...ratios);
  }
  return out.join('\n');
}

function packageVersion(dir: string): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return isRecord(pkg) && typeof pkg.version === 'string' ? pkg.version : '?';
  } catch {
    return 'not installed';
  }
}

function header(opts: Options, commandLine: string): string {
  const cpuList = cpus();
  const lines = [
    '# heapdot benchmark results',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${hostname()}, ${cpuList.length} CPUs (${cpuList[0]?.model.trim() ?? '?'}), ` +
      `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}`,
    `- node: ${process.version}`,
    `- heap-snapshot-toolkit: ${packageVersion(join(root, 'node_modules', 'heap-snapshot-toolkit'))}, ` +
      `memlab: ${packageVersion(join(peersDir, 'node_modules', 'memlab'))}`,
    `- command: \`${commandLine}\``,
    `- timeout per command: ${(opts.timeoutMs / 1000).toFixed(0)} s; page cache warmed before each file: ${opts.warm}; ` +
      `runs per command: ${opts.repeat}${opts.repeat > 1 ? ' (fastest wall time, largest peak RSS)' : ''}`,
    `- wall time: measured by bench/run.ts around each child process; peak RSS: ${
      rssMethod === 'gnu-time'
        ? "GNU time (`/usr/bin/time -f '%e %M'`, max RSS of the child)"
        : 'process.resourceUsage().maxRSS reported by the child at exit (bench/rss-preload.mjs)'
    }; MB = 10^6 bytes`,
    '',
  ];
  return lines.join('\n');
}

function commandLine(): string {
  const script = relative(root, fileURLToPath(import.meta.url));
  const node = ['node', ...process.execArgv, script, ...process.argv.slice(2)].join(' ');
  const npmEvent = process.env.npm_lifecycle_event;
  return npmEvent ? `npm run ${npmEvent} (${node})` : node;
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const cmd = commandLine();
  process.stderr.write(
    `bench: files ${opts.files.join(', ')}; tools ${opts.tools.join(', ')}; RSS via ${rssMethod}\n`,
  );

  const avail: Record<ToolKey, Availability> = {
    floor: { ok: true, reason: '' },
    info: { ok: true, reason: '' },
    chain: { ok: true, reason: '' },
    backrefs: { ok: true, reason: '' },
    dominators: { ok: true, reason: '' },
    devtools: { ok: true, reason: '' },
    memlab: { ok: true, reason: '' },
  };
  if (
    opts.tools.some(
      (tool) => tool === 'info' || tool === 'chain' || tool === 'backrefs' || tool === 'dominators',
    )
  ) {
    const b = ensureBuild();
    avail.info = b;
    avail.chain = b;
    avail.backrefs = b;
    avail.dominators = b;
  }
  if (opts.tools.includes('memlab')) avail.memlab = ensureMemlab();

  const sections: string[] = [];
  /** What could not be made or run: a report with holes is not a success. */
  const failures: string[] = [];
  for (const name of opts.files) {
    const file = ensureFile(name, opts.fresh, opts.target, opts.dataDir);
    if ('error' in file) {
      process.stderr.write(`bench: ${name}: ${file.error}\n`);
      sections.push(`### ${name}\n\nnot measured: ${file.error}`);
      failures.push(`${name} (${file.error})`);
      continue;
    }
    if (opts.warm) await warm(file.path);
    const rows: Row[] = [];
    for (const tool of opts.tools) rows.push(await measureTool(tool, file, opts, avail[tool]));
    for (const row of rows)
      if (row.status !== 'ok') failures.push(`${name}: ${row.label} ${row.status} (${row.result})`);
    const table = fileTable(file, rows);
    sections.push(table);
    process.stdout.write(`\n${table}\n\n`);
  }

  const report = `${header(opts, cmd)}\n${sections.join('\n\n')}\n`;
  writeFileSync(opts.out, report);
  process.stderr.write(`bench: wrote ${relative(process.cwd(), opts.out) || opts.out}\n`);
  if (failures.length > 0) {
    process.stderr.write(`bench: ${failures.length} not measured: ${failures.join('; ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
