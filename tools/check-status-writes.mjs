#!/usr/bin/env node
// Every status change goes through its transition table. This finds writes that skip it, in
// apps/*/src (not migrations, not tests):
//  - SQL that sets a status column (`status`, `state`, `*_status`) in an UPDATE or an
//    `ON CONFLICT ... DO UPDATE` without a guard on that column in the same statement
//    (`<column> = ANY($n::text[])`, its parameter built with `machine.into(to)`);
//  - SQL whose SET list is built at run time (`SET ${...}`), which this check cannot read, on a
//    table that has a status column (as the app's migrations create it);
//  - TypeScript that assigns `.status`, `.state`, `.lineStatus`, `.fulfillStatus` (or a
//    snake_case status field) in a file that never calls `assertCanMove`.
// Prints file:line for each and exits 1 when there is any. Usage: node tools/check-status-writes.mjs [root]
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const STATUS_COLUMN = /^(status|state|\w+_status)$/i;
// Tables whose status-named columns are not a lifecycle, each with why.
const NOT_LIFECYCLES = new Map([
  ['orders.order_types', 'the order-type rules copied from contracts; fixed_status is a rule of the type, never moved'],
]);
const TS_STATUS_WRITE = /\.(status|state|lineStatus|fulfillStatus|\w+_status)\s*(=(?!=)|\?\?=|\|\|=)/;

async function* sourceFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'migrations') yield* sourceFiles(path);
    } else if (entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      yield path;
    }
  }
}

/**
 * Reads a file once: its template literals (nested ones inside `${}` too), each with the line
 * it starts on, and its code with every comment, string and template blanked out (lines kept).
 */
function scan(text) {
  const found = [];
  const code = text.split('');
  let i = 0;
  const lineAt = (index) => text.slice(0, index).split('\n').length;
  const blank = (from, to) => {
    for (let k = from; k < to && k < code.length; k++) if (code[k] !== '\n') code[k] = ' ';
  };
  const skipString = (quote) => {
    const start = i;
    for (i++; i < text.length && text[i] !== quote && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    i++;
    blank(start, i);
  };
  const readTemplate = () => {
    const start = i;
    let body = '';
    for (i++; i < text.length && text[i] !== '`'; i++) {
      if (text[i] === '\\') {
        body += text[i] + text[i + 1];
        i++;
      } else if (text[i] === '$' && text[i + 1] === '{') {
        body += '${';
        i += 2;
        let depth = 1;
        while (i < text.length && depth > 0) {
          if (text[i] === '`') {
            readTemplate();
            body += '`…`';
            continue;
          }
          if (text[i] === "'" || text[i] === '"') {
            skipString(text[i]);
            continue;
          }
          if (text[i] === '{') depth++;
          if (text[i] === '}') depth--;
          if (depth > 0) body += text[i];
          i++;
        }
        body += '}';
        i--;
      } else body += text[i];
    }
    i++;
    blank(start, i);
    found.push({ line: lineAt(start), body });
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
      blank(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2) + 2;
      blank(i, end);
      i = end;
    } else if (c === "'" || c === '"') skipString(c);
    else if (c === '`') readTemplate();
    else i++;
  }
  return { templates: found, code: code.join('') };
}

/** The columns a SET list assigns at its top level, up to the clause that ends it. */
function assignedColumns(sql, from) {
  const columns = [];
  let depth = 0;
  let item = '';
  const flush = () => {
    const match = /^\s*(?:"?\w+"?\.)?"?(\w+)"?\s*=/.exec(item);
    if (match) columns.push(match[1]);
    item = '';
  };
  for (let i = from; i < sql.length; i++) {
    const c = sql[i];
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth < 0) break;
    if (depth === 0 && /^(WHERE|FROM|RETURNING)\b/i.test(sql.slice(i)) && /\W/.test(sql[i - 1] ?? ' ')) break;
    if (depth === 0 && c === ';') break;
    if (depth === 0 && c === ',') flush();
    else item += c;
  }
  flush();
  return columns;
}

/** The statement around position `at`: from the last `;` before it to the next one (or the literal's ends). */
function statementAround(sql, at) {
  const start = sql.lastIndexOf(';', at) + 1;
  const end = sql.indexOf(';', at);
  return sql.slice(start, end === -1 ? sql.length : end);
}

/** The tables (schema.name) that have a status column, from the CREATE TABLE and ADD COLUMN statements of migrations. */
async function tablesWithStatus(migrationsDir) {
  const tables = new Set();
  let files = [];
  try {
    files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.ts'));
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  for (const file of files) {
    const text = await readFile(join(migrationsDir, file), 'utf8');
    for (const match of text.matchAll(/CREATE TABLE\s+([\w.]+)\s*\(([\s\S]*?)\n\s*\)`/gi)) {
      const columns = match[2].split('\n').map((line) => /^\s*(\w+)\s+\w/.exec(line)?.[1] ?? '');
      if (columns.some((c) => STATUS_COLUMN.test(c)) && !NOT_LIFECYCLES.has(match[1].toLowerCase()))
        tables.add(match[1].toLowerCase());
    }
    for (const match of text.matchAll(/ALTER TABLE\s+([\w.]+)([^`]*)`/gi))
      for (const added of match[2].matchAll(/ADD COLUMN\s+(\w+)/gi))
        if (STATUS_COLUMN.test(added[1]) && !NOT_LIFECYCLES.has(match[1].toLowerCase()))
          tables.add(match[1].toLowerCase());
  }
  return tables;
}

/** The table an UPDATE (or the INSERT of an ON CONFLICT ... DO UPDATE) at `at` writes, if it names one. */
function targetTable(sql, at, update) {
  const named = /^UPDATE\s+(?!SET\b)([\w.]+)/i.exec(update);
  if (named) return named[1].toLowerCase();
  const inserts = [...sql.slice(0, at).matchAll(/INSERT\s+INTO\s+([\w.]+)/gi)];
  return inserts.at(-1)?.[1].toLowerCase();
}

function sqlProblems(template, statusTables) {
  const problems = [];
  const sql = template.body;
  const setClause = /\bUPDATE\b(?:\s+(?!SET\b)[\w."]+(?:\s+(?:AS\s+)?(?!SET\b)\w+)?)?\s+SET\b/gi;
  for (let match; (match = setClause.exec(sql));) {
    const line = template.line + sql.slice(0, match.index).split('\n').length - 1;
    const afterSet = match.index + match[0].length;
    const table = targetTable(sql, match.index, match[0]);
    if (table && NOT_LIFECYCLES.has(table)) continue;
    if (/^\s*\$\{/.test(sql.slice(afterSet))) {
      if (table && !statusTables.has(table)) continue;
      problems.push({ line, message: 'SET list built at run time; write status columns literally, with their guard' });
      continue;
    }
    const statement = statementAround(sql, match.index);
    for (const column of assignedColumns(sql, afterSet).filter((c) => STATUS_COLUMN.test(c))) {
      const guard = new RegExp(`(?:[\\w"]+\\.)*"?${column}"?\\s*=\\s*ANY\\s*\\(`, 'i');
      if (!guard.test(statement))
        problems.push({
          line,
          message: `sets ${column} without a "${column} = ANY(...)" guard from its transition table (machine.into(to))`,
        });
    }
  }
  return problems;
}

const problems = [];
for (const app of await readdir(join(root, 'apps'))) {
  const src = join(root, 'apps', app, 'src');
  const statusTables = await tablesWithStatus(join(src, 'migrations'));
  let files;
  try {
    files = sourceFiles(src);
    for await (const file of files) {
      const text = await readFile(file, 'utf8');
      const name = relative(root, file);
      const { templates, code } = scan(text);
      for (const template of templates)
        for (const p of sqlProblems(template, statusTables)) problems.push(`${name}:${p.line}: ${p.message}`);
      if (!/\bassertCanMove\s*\(/.test(code)) {
        code.split('\n').forEach((line, i) => {
          const match = TS_STATUS_WRITE.exec(line);
          if (match) problems.push(`${name}:${i + 1}: assigns .${match[1]} in a file that never calls assertCanMove`);
        });
      }
    }
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

if (problems.length > 0) {
  process.stderr.write(
    `Status writes that skip their transition table:\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('status-writes: every status write goes through its transition table\n');
