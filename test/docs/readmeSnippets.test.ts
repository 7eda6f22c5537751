import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { runDemo } from '../../src/cli/demo/runDemo.js';
import { packageRoot } from '../../src/config/packageRoot.js';
import { CommerceRequest } from '../../src/index.js';

/**
 * Every ```ts block of README.md and examples/<app>/README.md is compiled, each as a module of its own, against the
 * package (its source, through the `paths` of tsconfig.json) with the project's strict options. A marker on the line
 * just before a block says more about it:
 *   <!-- fragment -->      (```ts) compiled after a hidden prelude: every export of the package imported by name,
 *                          and `declare const foundation: CommerceFoundation`.
 *   <!-- file: <path> -->  (```ts) the block is that file of the repository, whole.
 *   <!-- request -->       (```json) a request in the JSON form, which CommerceRequest.fromJSON must take.
 *   <!-- demo -->          (```) an operation as `npm run demo` prints it: its components and SQL counts must be the
 *                          demo's (the times vary).
 */
interface Snippet {
  readonly readme: string;
  /** The README line of the block's first line of code. */
  readonly line: number;
  /** `ts` for ```ts and ```typescript. */
  readonly language: string;
  readonly code: string;
  readonly marker: string | undefined;
}

const readmes = [
  'README.md',
  ...readdirSync(join(packageRoot, 'examples'))
    .map((app) => `examples/${app}/README.md`)
    .filter((path) => existsSync(join(packageRoot, path))),
];

function snippetsOf(readme: string): Snippet[] {
  const lines = readFileSync(join(packageRoot, readme), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!fence) continue;
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    const language = fence[1] === 'typescript' ? 'ts' : (fence[1] ?? '');
    const marker = /^<!--\s*(.*?)\s*-->$/.exec(lines[i - 1] ?? '')?.[1];
    snippets.push({ readme, line: i + 2, language, code: lines.slice(i + 1, end).join('\n'), marker });
    i = end;
  }
  return snippets;
}

/** The names a module of src/ exports (following `export * from`), for the prelude of fragments. */
function packageExports(file = 'src/index.ts'): string[] {
  const text = readFileSync(join(packageRoot, file), 'utf8');
  const named = [...text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap(([, names]) =>
    (names ?? '').split(',').map((name) => name.replace(/^\s*type\s+/, '').replace(/^.*\sas\s+/, '').trim()).filter(Boolean),
  );
  const declared = [...text.matchAll(/^export (?:abstract )?(?:class|const|function|interface|type) (\w+)/gm)].map(([, name]) => name ?? '');
  const starred = [...text.matchAll(/export \* from '(.*)\.js';/g)].flatMap(([, target]) => packageExports(join(dirname(file), `${target ?? ''}.ts`)));
  return [...new Set([...named, ...declared, ...starred])];
}

const fragmentPrelude = `import { ${packageExports().join(', ')} } from 'commerce-foundation';\ndeclare const foundation: CommerceFoundation;\n`;

const allSnippets = readmes.flatMap(snippetsOf);
const snippets = allSnippets.filter((s) => s.language === 'ts');
const marked = (marker: string) => allSnippets.filter((s) => s.marker === marker);
const fileOf = (snippet: Snippet) => join(packageRoot, '.readme-snippets', `${snippet.readme.replace(/\W/g, '_')}_${snippet.line}.ts`);
const at = (snippet: Snippet) => `${snippet.readme}:${snippet.line}`;
const preludeOf = (snippet: Snippet) => (snippet.marker === 'fragment' ? fragmentPrelude : '');

/** Every problem the compiler finds in the snippets, as `README.md:<line>: <message>`. */
function compileErrors(): string[] {
  const { config } = ts.readConfigFile(join(packageRoot, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, packageRoot);
  const sources = new Map(snippets.map((s) => [fileOf(s), { snippet: s, text: preludeOf(s) + s.code }]));
  const host = ts.createCompilerHost({ ...options, noEmit: true, types: ['node'] });
  const readFile = host.readFile.bind(host);
  host.fileExists = (file) => sources.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => sources.get(file)?.text ?? readFile(file);
  const program = ts.createProgram([...sources.keys()], { ...options, noEmit: true, types: ['node'] }, host);
  return [...sources].flatMap(([file, { snippet }]) => {
    const source = program.getSourceFile(file);
    if (!source) return [`${at(snippet)}: not compiled`];
    const preludeLines = preludeOf(snippet).split('\n').length - 1;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].flatMap((d) => {
      const line = source.getLineAndCharacterOfPosition(d.start ?? 0).line - preludeLines;
      return line < 0 ? [] : [`${snippet.readme}:${snippet.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`];
    });
  });
}

const knownMarkers: Record<string, (marker: string) => boolean> = {
  ts: (marker) => marker === 'fragment' || marker.startsWith('file: '),
  json: (marker) => marker === 'request',
  '': (marker) => marker === 'demo',
};

test('the READMEs have TypeScript snippets, and every marker before a block is one this test knows', () => {
  expect(snippets.filter((s) => s.readme === 'README.md').length).toBeGreaterThanOrEqual(5);
  const unknown = allSnippets.flatMap((s) =>
    s.marker === undefined || knownMarkers[s.language]?.(s.marker) ? [] : [`${at(s)}: <!-- ${s.marker} --> before a \`\`\`${s.language} block`],
  );
  expect(unknown).toEqual([]);
});

test('every TypeScript snippet of the READMEs compiles against the package', () => {
  expect(compileErrors()).toEqual([]);
}, 120_000);

test('a snippet marked as a file of the repository is that file', () => {
  for (const snippet of snippets.filter((s) => s.marker?.startsWith('file: '))) {
    const path = snippet.marker?.slice('file: '.length) ?? '';
    expect({ at: at(snippet), code: `${snippet.code}\n` }).toEqual({ at: at(snippet), code: readFileSync(join(packageRoot, path), 'utf8') });
  }
});

test('a JSON request in the READMEs is one CommerceRequest.fromJSON takes', () => {
  expect(marked('request').length).toBeGreaterThan(0);
  for (const snippet of marked('request')) {
    const request = CommerceRequest.fromJSON(JSON.parse(snippet.code));
    expect({ at: at(snippet), operations: request.operations.length }).toEqual({ at: at(snippet), operations: JSON.parse(snippet.code).operations.length });
  }
});

/** `index. Operation Model: title` and its rows as `component SQL`, from the demo's table form. */
function demoRows(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const row = /^ {3}(\S+) +[\d.]+ +(\d+)$/.exec(line);
    return /^\d+\. /.test(line) ? [line] : row ? [row.slice(1).join(' ')] : [];
  });
}

test("the README's demo table is what npm run demo prints, but for the times", async () => {
  const printed: string[] = [];
  await runDemo(packageRoot, { out: (text) => void printed.push(text), err: (text) => void printed.push(text), readStdin: () => Promise.resolve(''), isTTY: false });
  expect(marked('demo').length).toBeGreaterThan(0);
  for (const snippet of marked('demo')) {
    const title = snippet.code.split('\n')[0] ?? '';
    const index = printed.indexOf(title);
    expect({ at: at(snippet), rows: demoRows(snippet.code) }).toEqual({ at: at(snippet), rows: demoRows(printed.slice(index, index + 2).join('\n')) });
  }
});
