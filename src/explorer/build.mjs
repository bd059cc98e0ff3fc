// Builds the explorer: src/ bundled by esbuild into <out> (default src/ReadoutApi/wwwroot/explore), which is committed.
//   node build.mjs [out]      (build.sh runs npm ci first)
// The output is the same bytes for the same sources and package-lock.json: the drift test rebuilds and compares.
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', 'ReadoutApi', 'wwwroot', 'explore'));
// Every hashed file goes to assets/ and is served as immutable; the rest (index.html, licenses.txt) is revalidated.
const base = '/explore/';

await rm(out, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { explorer: 'src/main.js', 'explorer-style': 'src/explorer.css' },
  outdir: out,
  entryNames: 'assets/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  publicPath: base,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  // The world atlas and Leaflet's images are files of their own, fetched when needed, not inlined.
  loader: { '.json': 'file', '.png': 'file', '.svg': 'file' },
  // Licences are gathered in licenses.txt below, linked from the page.
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map(file => relative(out, resolve(here, file)).split('\\').join('/'));
const script = outputs.find(file => /^assets\/explorer-[^/]+\.js$/.test(file));
const style = outputs.find(file => /^assets\/explorer-style-[^/]+\.css$/.test(file));
if (!script || !style) {
  throw new Error(`esbuild made no script or style: ${outputs.join(', ')}`);
}

const html = await readFile(join(here, 'src', 'index.html'), 'utf8');
await writeFile(join(out, 'index.html'), html.replace('{{script}}', base + script).replace('{{style}}', base + style));

for (const file of await readdir(join(here, 'public'))) {
  await copyFile(join(here, 'public', file), join(out, file));
}

// The licence of every package that went into the bundle, in name order, with the data's own terms.
const packages = new Set(Object.keys(result.metafile.inputs)
  .map(input => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
  .filter(Boolean));
const notices = [
  'Third-party software and data in the ReadoutApi explorer (/explore), as bundled by src/explorer/build.mjs.',
  '',
  'Country outlines: Natural Earth (https://www.naturalearthdata.com), public domain, as TopoJSON from the npm',
  'package world-atlas. Natural Earth shows de facto boundaries; the map is for orientation and takes no position',
  'on any boundary.',
];
for (const name of [...packages].sort()) {
  const folder = join(here, 'node_modules', name);
  const { version, license } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
  const licenseFile = (await readdir(folder)).find(file => /^licen[cs]e/i.test(file));
  const text = licenseFile ? (await readFile(join(folder, licenseFile), 'utf8')).trim() : `(${license}: no licence file in the package)`;
  notices.push('', '-'.repeat(78), `${name} ${version} (${license})`, '', text);
}

await writeFile(join(out, 'licenses.txt'), notices.join('\n') + '\n');

const sizes = await Promise.all(outputs.concat(['index.html', 'licenses.txt']).map(async file =>
  `${file} ${(await readFile(join(out, file))).length} bytes`));
console.log(`explorer built into ${out}:\n  ${sizes.sort().join('\n  ')}`);
