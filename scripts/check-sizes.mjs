// Lists source files over 400 lines and functions over 80 (the project's targets): node scripts/check-sizes.mjs client shared server
import ts from "typescript";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
const roots = process.argv.slice(2);
const files = [];
const walk = (d) => { for (const n of readdirSync(d)) { const f = path.join(d, n); if (statSync(f).isDirectory()) walk(f); else if (/\.(ts|tsx)$/.test(f)) files.push(f); } };
roots.forEach(walk);
let bad = 0;
for (const f of files) {
  const text = readFileSync(f, "utf8");
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (lines > 400) { console.log(`FILE ${f}: ${lines} lines`); bad++; }
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true, f.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const visit = (n) => {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessor(n) || ts.isSetAccessor(n)) {
      const a = sf.getLineAndCharacterOfPosition(n.getStart()).line, b = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
      const len = b - a + 1;
      if (len > 80) { const name = n.name?.getText() ?? (ts.isVariableDeclaration(n.parent) ? n.parent.name.getText() : "(anonymous)"); console.log(`FUNC ${f}:${a + 1} ${name}: ${len} lines`); bad++; }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
console.log(`${files.length} files checked, ${bad} over the limits (400 lines a file, 80 a function)`);
process.exitCode = bad > 0 ? 1 : 0;
