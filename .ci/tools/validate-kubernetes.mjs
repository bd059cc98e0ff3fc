// Validates Kubernetes objects offline against the API's JSON schemas (kubernetes-models: every built-in kind of the
// core and named API groups), with no cluster. Reads multi-document YAML (kubectl kustomize's output) from the files
// given, or stdin. Exits 1 when an object is invalid, of an unknown kind, or when there is none.
//   kubectl kustomize deploy/kubernetes/base | node .ci/tools/validate-kubernetes.mjs
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const sources = process.argv.length > 2 ? process.argv.slice(2) : ["/dev/stdin"];
let objects = 0;
const problems = [];
for (const source of sources) {
  for (const document of parseAllDocuments(readFileSync(source, "utf8"))) {
    if (document.errors.length > 0) {
      problems.push(`${source}: not YAML: ${document.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = document.toJS();
    if (object === null) {
      continue;
    }
    const name = `${object.apiVersion}/${object.kind} ${object.metadata?.name ?? "(no name)"}`;
    let model;
    try {
      const group = await import(`kubernetes-models/${object.apiVersion}`);
      model = group[object.kind];
    } catch {
      model = undefined;
    }
    if (typeof model !== "function") {
      problems.push(`${name}: no schema for this apiVersion and kind`);
      continue;
    }
    try {
      new model(object).validate();
      objects++;
      console.log(`valid: ${name}`);
    } catch (e) {
      problems.push(`${name}: ${e.message}`);
    }
  }
}
for (const problem of problems) {
  console.error(`INVALID ${problem}`);
}
if (problems.length > 0 || objects === 0) {
  console.error(objects === 0 ? "no object to validate" : `${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`${objects} objects valid`);
