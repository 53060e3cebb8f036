#!/usr/bin/env node
// Lists source files over 400 lines and functions over 80 lines (the project's size targets).
// Usage: node scripts/check-sizes.mjs [folder ...]   (default: server shared client)
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ["server", "shared", "client"];

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) continue;
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")) yield full;
  }
}

const problems = [];
for (const root of roots) {
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    if (lines > MAX_FILE_LINES) problems.push(`${file}: ${lines} lines (file)`);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && "body" in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const length = end - start + 1;
        if (length > MAX_FUNCTION_LINES) {
          const name = node.name?.getText(source) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : "(anonymous)");
          problems.push(`${file}:${start + 1}: ${name} is ${length} lines (function)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}
for (const problem of problems) console.log(problem);
console.log(problems.length ? `${problems.length} over the targets (files ${MAX_FILE_LINES}, functions ${MAX_FUNCTION_LINES} lines).` : "Every file and function is within the targets.");
process.exitCode = problems.length ? 1 : 0;
