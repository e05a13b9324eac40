// Validates the rendered kustomize overlays: node validate.mjs <repository root> <overlay>=<rendered.yaml> ...
// Then breaks the first rendering on purpose (selftest.mjs) to prove the checks catch it.
// Prints one line per check ("ok" or "FAILED" with the reasons) and "N passed, N failed"; exits 1 on a failure.
import fs from "node:fs";
import YAML from "yaml";
import { checks } from "./policies.mjs";
import { loadCrds, validateObject } from "./schemas.mjs";
import { selfTest } from "./selftest.mjs";

const [root, ...rendered] = process.argv.slice(2);
if (!root || !rendered.length) {
  console.error("usage: node validate.mjs <repository root> <overlay>=<rendered.yaml> ...");
  process.exit(2);
}
loadCrds();
let passed = 0;
let failed = 0;
const report = (overlay, name, failures) => {
  if (failures.length) {
    failed++;
    console.log(`FAILED [${overlay}] ${name}`);
    for (const f of failures) console.log(`    ${f}`);
  } else {
    passed++;
    console.log(`ok [${overlay}] ${name}`);
  }
};

for (const arg of rendered) {
  const [overlay, file] = arg.split("=");
  // tests/k8s-manifests.sh leaves kubectl's complaint in <file>.err when an overlay does not render.
  const error = fs.existsSync(`${file}.err`) ? fs.readFileSync(`${file}.err`, "utf8").trim() : "";
  report(overlay, `k8s/overlays/${overlay} renders (kubectl kustomize)`, error ? [error] : []);
  if (error) continue;
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
  const broken = docs.filter((d) => d.errors.length);
  if (broken.length) { report(overlay, "the rendered YAML parses", broken.flatMap((d) => d.errors.map(String))); continue; }
  const objects = docs.map((d) => d.toJS()).filter(Boolean);
  const schemaFailures = [];
  for (const obj of objects) {
    for (const problem of await validateObject(obj)) schemaFailures.push(`${obj.kind} ${obj.metadata?.name}: ${problem}`);
  }
  report(overlay, `all ${objects.length} objects validate against the Kubernetes schemas (kubernetes-models) and their `
    + "operators' CRDs, with no unknown field", schemaFailures);
  for (const { name, failures } of checks(objects, root)) report(overlay, name, failures);
  // Once (on the first overlay): the checks must fail on a broken copy of this rendering.
  if (arg === rendered[0]) {
    for (const { name, failures } of await selfTest(objects, root)) report("self-test", name, failures);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
