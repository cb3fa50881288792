import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';

/** The engine boundary: server/src/engine imports no editor, protocol or Node module. */
function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('engine purity', () => {
  it('imports nothing from vscode, vscode-languageserver or node', () => {
    const forbidden =
      /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|node:[^'"]+|fs|path|os|child_process|url|util)['"]|require\(/;
    const offenders = files(join(ROOT, 'server', 'src', 'engine')).filter((file) =>
      forbidden.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });
});

/**
 * The server's portability (design review §3 change 2): outside node/ and the Node entry points (main.ts, cli.ts and its parts in cli/,
 * cliLoader.ts),
 * server/src uses no Node module and no Node global — files, paths and timers come through the Runtime
 * (context.ts), so the server could run in a browser worker with another Runtime.
 */
describe('server portability', () => {
  const serverRoot = join(ROOT, 'server', 'src');
  const portable = files(serverRoot).filter((file) => {
    const path = relative(serverRoot, file).split(sep).join('/');
    return (
      !path.startsWith('engine/') &&
      !path.startsWith('node/') &&
      path !== 'main.ts' &&
      path !== 'cli.ts' &&
      path !== 'cliLoader.ts' &&
      !path.startsWith('cli/')
    );
  });
  const NODE_GLOBALS = new Set([
    'setTimeout',
    'setImmediate',
    'setInterval',
    'clearTimeout',
    'clearImmediate',
    'clearInterval',
    'process',
    'Buffer',
    '__dirname',
    '__filename',
    'require',
    'global',
  ]);

  /** Identifiers naming a Node global: not a property (`runtime.timer.setTimeout`) nor a member's own name. */
  function nodeGlobalsUsed(file: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
        const parent = node.parent;
        const isMemberName =
          (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
          ((ts.isMethodSignature(parent) ||
            ts.isPropertySignature(parent) ||
            ts.isMethodDeclaration(parent) ||
            ts.isPropertyAssignment(parent) ||
            ts.isPropertyDeclaration(parent)) &&
            parent.name === node);
        if (!isMemberName)
          found.push(
            `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.text}`,
          );
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it('the portable server files are found (the filter is not vacuous)', () => {
    const names = portable.map((file) => relative(serverRoot, file).split(sep).join('/'));
    expect(names).toEqual(
      expect.arrayContaining([
        'server.ts',
        'context.ts',
        'dictionaries.ts',
        'workspaceIndex.ts',
        'largeDocuments.ts',
        'features/diagnostics.ts',
      ]),
    );
    expect(names).not.toContain('main.ts');
  });

  it('imports no Node module (node:*, fs, path, …) nor vscode-languageserver/node', () => {
    const forbidden =
      /from\s+['"](node:[^'"]+|fs|path|os|child_process|url|util|vscode-languageserver\/node)['"]|require\(/;
    expect(
      portable.filter((file) => forbidden.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file)),
    ).toEqual([]);
  });

  it('uses no Node global (timers, process, Buffer, __dirname): they come through the Runtime', () => {
    expect(portable.flatMap(nodeGlobalsUsed)).toEqual([]);
  });

  it('the check sees a timer called as a global', () => {
    const probe = join(tmpdir(), `medterm-purity-${process.pid}.ts`);
    writeFileSync(
      probe,
      'const runtime = { timer: { setTimeout(callback: () => void): void { callback(); } } };\nruntime.timer.setTimeout(() => undefined);\nsetTimeout(() => undefined, 1);\n',
    );
    try {
      expect(nodeGlobalsUsed(probe).map((entry) => entry.replace(/^.*:/, ''))).toEqual(['3 setTimeout']);
    } finally {
      rmSync(probe);
    }
  });

  it('only main.ts imports the composition root (server.ts); context.ts holds types only', () => {
    const importers = files(serverRoot).filter((file) =>
      /from\s+['"](\.\.?\/)+server['"]/.test(readFileSync(file, 'utf8')),
    );
    expect(importers.map((file) => relative(serverRoot, file))).toEqual(['main.ts']);
    const context = readFileSync(join(serverRoot, 'context.ts'), 'utf8');
    expect(context.match(/^import (?!type ).*$/gm)).toBeNull();
    expect(context).not.toMatch(/^export (const|function|class|let) /m);
  });
});
