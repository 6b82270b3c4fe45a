/**
 * A flame graph of a V8 CPU profile (the inspector's Profiler.stop), as one self-contained SVG: each
 * box is a function on a call path, as wide as the share of the samples spent in it and in what it
 * called; callers below, callees above. Idle samples are left out, so that the width is the CPU the
 * process spent; the colour says whose code it is (ours, graphql, typeorm…), the legend what each
 * colour is, and every box's tooltip its function, file and share. Open it in a browser.
 */
export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
}

/** Whose code a frame is: a package of node_modules, our code, the runtime, or V8's own. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const parts = url.slice(nodeModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node (runtime)';
  const app = /\/(apps|libs|bench|scripts)\//.exec(url);
  return app ? `${app[1]}/ (our code)` : url;
}

/** The frame's name as the summaries print it: function, then file and line below node_modules or the project. */
export function frameName(frame: CpuProfileNode['callFrame']): string {
  const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(apps|libs|bench|scripts)\//, '$1/');
  return `${frame.functionName || '(anonymous)'}${where ? ` ${where}:${frame.lineNumber + 1}` : ''}`;
}

const COLOURS: [RegExp, string, string][] = [
  [/ \(our code\)$/, '#f28e2b', 'our code (apps/, libs/)'],
  [/^graphql/, '#b07aa1', 'graphql-js'],
  [/^@apollo\//, '#9c755f', 'Apollo Server'],
  [/^@nestjs\//, '#e15759', 'NestJS'],
  [/^typeorm$/, '#4e79a7', 'TypeORM'],
  [/^(pg|pg-.*|postgres-.*)$/, '#59a14f', 'pg and its parsers'],
  [/^node \(runtime\)$/, '#bab0ac', 'Node.js (its JavaScript)'],
  [/^\(garbage collector\)$/, '#edc948', 'garbage collector'],
  [/^\(/, '#ff9da7', 'native, V8'],
];
const OTHER = '#76b7b2';

function colourOf(pkg: string): string {
  return COLOURS.find(([pattern]) => pattern.test(pkg))?.[1] ?? OTHER;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WIDTH = 1200;
const ROW = 17;
const CHAR = 6.6; // px per character at font-size 11
const TOP = 80; // title, subtitle and legend

export function flameGraphSvg(profile: CpuProfile, title: string): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
  const isIdle = (n: CpuProfileNode) => n.callFrame.functionName === '(idle)';
  // total samples of a node and its callees, idle left out (iterative: call paths can be deep)
  const total = new Map<number, number>();
  const order: CpuProfileNode[] = [];
  const root = profile.nodes[0];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as CpuProfileNode;
    order.push(node);
    for (const child of node.children ?? []) stack.push(byId.get(child) as CpuProfileNode);
  }
  for (const node of order.reverse()) {
    let sum = isIdle(node) ? 0 : (self.get(node.id) ?? 0);
    for (const child of node.children ?? []) sum += total.get(child) ?? 0;
    total.set(node.id, sum);
  }
  const busy = total.get(root.id) ?? 0;
  const boxes: Box[] = [];
  let maxDepth = 0;
  const scale = busy ? WIDTH / busy : 0;
  const place: { node: CpuProfileNode; x: number; depth: number }[] = [{ node: root, x: 0, depth: 0 }];
  while (place.length) {
    const { node, x, depth } = place.pop() as { node: CpuProfileNode; x: number; depth: number };
    const width = (total.get(node.id) ?? 0) * scale;
    if (width < 0.3) continue;
    maxDepth = Math.max(maxDepth, depth);
    if (depth > 0) boxes.push({ node, x, depth, width, share: (total.get(node.id) ?? 0) / busy });
    let childX = x;
    const children = (node.children ?? [])
      .map((id) => byId.get(id) as CpuProfileNode)
      .sort((a, b) => frameName(a.callFrame).localeCompare(frameName(b.callFrame)));
    for (const child of children) {
      place.push({ node: child, x: childX, depth: depth + 1 });
      childX += (total.get(child.id) ?? 0) * scale;
    }
  }
  const height = TOP + (maxDepth + 1) * ROW + 10;
  // depth 1 at the bottom: y grows downwards, so rows are placed from the bottom edge
  const svgBoxes = boxes.map((b) => boxSvg(b, height - 10 - b.depth * ROW));
  const legend = [...COLOURS.map(([, colour, label]) => [colour, label]), [OTHER, 'other packages']]
    .map(([colour, label], i) => {
      const x = 10 + (i % 5) * 235;
      const y = 54 + Math.floor(i / 5) * 16;
      return `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${colour}"/><text x="${x + 17}" y="${y}">${escapeXml(label)}</text>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="monospace" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="10" y="34">${busy} busy samples of ${profile.samples.length} (idle left out): callers below, callees above, width = share of the busy time; hover a box for its share</text>`,
    legend,
    ...svgBoxes,
    '</svg>',
    '',
  ].join('\n');
}

interface Box {
  node: CpuProfileNode;
  x: number;
  depth: number;
  width: number;
  share: number;
}

function boxSvg({ node, x, width, share }: Box, y: number): string {
  const name = frameName(node.callFrame);
  const pkg = packageOf(node.callFrame.url, node.callFrame.functionName);
  const chars = Math.floor((width - 4) / CHAR);
  const label = chars >= 3 ? (name.length > chars ? `${name.slice(0, chars - 1)}…` : name) : '';
  return (
    `<g><title>${escapeXml(`${name} — ${pkg} — ${(share * 100).toFixed(1)} %`)}</title>` +
    `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${ROW - 1}" fill="${colourOf(pkg)}" rx="2"/>` +
    (label ? `<text x="${(x + 2).toFixed(1)}" y="${y}" dy="12">${escapeXml(label)}</text>` : '') +
    '</g>'
  );
}
