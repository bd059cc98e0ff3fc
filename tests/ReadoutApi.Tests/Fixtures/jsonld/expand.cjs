// Expands a JSON-LD document with jsonld.js, with no network: the schema.org context comes from a local file.
// Usage: node expand.cjs <node_modules folder> <context file> <base IRI>   (the document on standard input)
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, contextFile, base] = process.argv.slice(2);
const jsonld = require(path.resolve(modules, 'jsonld'));
const context = JSON.parse(fs.readFileSync(contextFile, 'utf8'));
const schemaOrg = new Set(['https://schema.org', 'https://schema.org/', 'http://schema.org', 'http://schema.org/']);

const documentLoader = async (url) => {
  if (schemaOrg.has(url)) {
    return { contextUrl: null, documentUrl: url, document: context };
  }
  throw new Error(`no network here: refusing to load ${url}`);
};

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  try {
    const expanded = await jsonld.expand(JSON.parse(input), { base, documentLoader, safe: true });
    process.stdout.write(JSON.stringify(expanded));
  } catch (error) {
    process.stderr.write(`${error.name}: ${error.message}\n${JSON.stringify(error.details ?? {})}\n`);
    process.exit(1);
  }
});
