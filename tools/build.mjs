// Compiles every app and lib with swc into dist/, keeping the source layout so that
// relative `.js` imports and the `#lib` entries in package.json "imports" resolve.
// Type checking is separate (`npm run typecheck`): swc only strips types.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, writeFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name))
      yield path;
  }
}

const started = Date.now();
// Files are overwritten in place so a running test keeps working; `--clean` starts from empty.
if (process.argv.includes('--clean')) await rm(out, { recursive: true, force: true });
const roots = [];
for (const group of ['apps', 'libs']) {
  for (const name of await readdir(join(root, group))) roots.push(join(root, group, name, 'src'));
}
let count = 0;
const jobs = [];
for (const dir of roots) {
  for await (const file of sources(dir)) {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    jobs.push(
      transformFile(file, {
        ...swcrc,
        filename: file,
        sourceFileName: relative(dirname(target), file),
        swcrc: false,
      }).then(async ({ code, map }) => {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
        if (map) await writeFile(`${target}.map`, map);
        count++;
      }),
    );
  }
}
await Promise.all(jobs);
await writeFile(join(out, 'BUILT'), new Date().toISOString());
console.log(`build: ${count} files compiled to dist/ in ${Date.now() - started} ms`);
