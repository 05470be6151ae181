// Builds the console into <out>/console: every module and the stylesheet under assets/ with its content hash in its
// name (so they can be cached for a year), their imports rewritten to those names, and index.html naming them.
// No bundler: the browser loads the ES modules as they are. Run by the Maven build: node build.mjs <out>
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(process.argv[2] ?? join(here, 'target', 'classes'), 'console');
const web = join(here, 'src', 'main', 'web');
const modules = join(here, 'node_modules');

// In dependency order: a file's imports are named before it. `name` is the specifier the others import it by.
const files = [
  { name: 'preact', source: join(modules, 'preact', 'dist', 'preact.mjs'), ext: 'js' },
  { name: 'preact/hooks', source: join(modules, 'preact', 'hooks', 'dist', 'hooks.mjs'), ext: 'js' },
  { name: 'htm', source: join(modules, 'htm', 'dist', 'htm.module.js'), ext: 'js' },
  // uPlot's minified build (its ES module is not minified: twice the size), made a module by exporting what it defines
  { name: 'uplot', source: join(modules, 'uplot', 'dist', 'uPlot.iife.min.js'), ext: 'js', exports: 'uPlot' },
  { name: './strings.js', source: join(web, 'strings.js'), ext: 'js' },
  { name: './api.js', source: join(web, 'api.js'), ext: 'js' },
  { name: './metrics.js', source: join(web, 'metrics.js'), ext: 'js' },
  { name: './settings.js', source: join(web, 'settings.js'), ext: 'js' },
  { name: './app.js', source: join(web, 'app.js'), ext: 'js' },
  { name: 'app.css', source: join(web, 'app.css'), ext: 'css' },
];

// every language has every string: a missing one fails the build rather than showing English in its place
const { KEYS } = await import(pathToFileURL(join(web, 'strings.js')).href);
for (const [language, keys] of Object.entries(KEYS)) {
  const missing = KEYS.en.filter((key) => !keys.includes(key));
  const extra = keys.filter((key) => !KEYS.en.includes(key));
  if (missing.length || extra.length) {
    console.error(`strings.js: ${language} lacks [${missing}] and has extra [${extra}]`);
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
const built = new Map();
let gzipped = 0;
for (const file of files) {
  let text = readFileSync(file.source, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '');
  if (file.exports) text += `\nexport default ${file.exports};\n`;
  if (file.name === 'app.css') text += '\n' + readFileSync(join(modules, 'uplot', 'dist', 'uPlot.min.css'), 'utf8'); // the charts' own
  for (const [name, asset] of built) {
    text = text.replaceAll(`from"${name}"`, `from"./${asset}"`).replaceAll(`from '${name}'`, `from './${asset}'`);
  }
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const base = file.name.replace(/^\.\//, '').replace(/\.(js|css)$/, '').replaceAll('/', '-');
  const asset = `${base}.${hash}.${file.ext}`;
  writeFileSync(join(out, 'assets', asset), text);
  gzipped += gzipSync(text, { level: 9 }).length;
  built.set(file.name, asset);
}
const preload = [...built.entries()].filter(([name]) => name !== 'app.css' && name !== './app.js')
  .map(([, asset]) => `<link rel="modulepreload" href="%BASE%/console/assets/${asset}">`).join('\n    ');
const index = readFileSync(join(web, 'index.html'), 'utf8')
  .replace('%STYLESHEET%', `%BASE%/console/assets/${built.get('app.css')}`)
  .replace('%ENTRY%', `%BASE%/console/assets/${built.get('./app.js')}`)
  .replace('%PRELOAD%', preload);
writeFileSync(join(out, 'index.html'), index);
// the list ConsoleHandler serves from (a jar cannot be listed)
writeFileSync(join(out, 'assets.txt'), [...built.values()].join('\n') + '\n');
console.log(`console: ${built.size} assets, ${gzipped} bytes gzipped`);
