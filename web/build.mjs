// Builds the web map into dist/: app.js (the modules and MapLibre, bundled by esbuild),
// app.css, index.html and MapLibre's worker. `node build.mjs --watch` rebuilds on change.
// The output is committed so that `go build` works without npm.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';

const watch = process.argv.includes('--watch');

const worker = 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs';

// The files the build reads besides node_modules: their digest goes to dist/source.sha256,
// which the Go tests compare with the files in the tree to catch a stale dist/.
async function sources() {
  const src = (await readdir('src')).sort().map((f) => `src/${f}`);
  return [...src, 'package-lock.json', '../data/categories.json'];
}

async function digest() {
  const h = createHash('sha256');
  for (const f of await sources()) {
    h.update(`${f}\0`);
    h.update(await readFile(f));
    h.update('\0');
  }
  return h.digest('hex');
}

async function statics() {
  await writeFile('dist/source.sha256', `${await digest()}\n`);
  await copyFile('src/index.html', 'dist/index.html');
  // The worker without its source-map comment (the map is not shipped).
  const src = await readFile(worker, 'utf8');
  await writeFile('dist/maplibre-gl-worker.mjs', src.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
}

await rm('dist', { recursive: true, force: true });
await mkdir('dist', { recursive: true });
await statics();

const options = {
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  legalComments: 'eof',
  charset: 'utf8',
  outdir: 'dist',
  loader: { '.json': 'json' },
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
