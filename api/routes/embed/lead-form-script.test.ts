import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The embed script runs on other people's pages, in browsers we do not choose: it must be ES2017 (no optional
// chaining, object spread or catch without a binding), stay small, and need no build step. TypeScript's emitter
// proves the first: printed for ES2017 and for the newest target, the script comes out the same only when
// nothing in it had to be rewritten for ES2017 (regular expressions are not rewritten, so their flags and
// groups are not checked: the script uses none newer than ES2015).
const source = readFileSync(new URL('./lead-form.js', import.meta.url), 'utf8');

function emit(target: ts.ScriptTarget) {
  return ts.transpileModule(source, {
    fileName: 'lead-form.js',
    reportDiagnostics: true,
    compilerOptions: { target, allowJs: true, module: ts.ModuleKind.None, removeComments: false },
  });
}

describe('the embeddable lead form script', () => {
  it('is plain ES2017: nothing in it needs rewriting for ES2017 browsers', () => {
    const es2017 = emit(ts.ScriptTarget.ES2017);
    expect(es2017.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    expect(es2017.outputText).toBe(emit(ts.ScriptTarget.ESNext).outputText);
  });

  it('tells a rewrite apart (the check above can fail)', () => {
    const spread = ts.transpileModule('var a = { ...b };', { compilerOptions: { target: ts.ScriptTarget.ES2017 } }).outputText;
    expect(spread).not.toContain('...b');
  });

  it('is small and a classic script', () => {
    expect(Buffer.byteLength(source)).toBeLessThan(16_000);
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
  });
});
