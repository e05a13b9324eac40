// The Prometheus Operator PrometheusRule (k8s/base/monitoring/prometheus-rule.yaml) carries exactly the groups of the
// plain rules file (k8s/base/monitoring/autoflow-rules.yaml), which promtool checks and tests.
//   node prometheus-rule.mjs <repository root>           fails (exit 1) when they differ
//   node prometheus-rule.mjs <repository root> --write   writes the PrometheusRule from the plain file
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import YAML from "yaml";

const [root, mode] = process.argv.slice(2);
if (!root) {
  console.error("usage: node prometheus-rule.mjs <repository root> [--write]");
  process.exit(2);
}
const dir = path.join(root, "k8s/base/monitoring");
const plainFile = path.join(dir, "autoflow-rules.yaml");
const operatorFile = path.join(dir, "prometheus-rule.yaml");
const plain = YAML.parse(fs.readFileSync(plainFile, "utf8"));

/** The PrometheusRule holding the plain file's groups. */
function prometheusRule(groups) {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: "autoflow", labels: { "app.kubernetes.io/name": "autoflow-alerts" } },
    spec: { groups },
  };
}

if (mode === "--write") {
  const header = "# Generated from autoflow-rules.yaml by `node tests/k8s/prometheus-rule.mjs . --write`: edit that file, not this one.\n"
    + "# tests/prometheus-rules.sh fails when the two differ.\n";
  fs.writeFileSync(operatorFile, header + YAML.stringify(prometheusRule(plain.groups), { lineWidth: 0 }));
  console.log(`wrote ${path.relative(root, operatorFile)}`);
  process.exit(0);
}
const operator = YAML.parse(fs.readFileSync(operatorFile, "utf8"));
if (!isDeepStrictEqual(operator, prometheusRule(plain.groups))) {
  console.error(`prometheus-rules: ${path.relative(root, operatorFile)} differs from ${path.relative(root, plainFile)}; `
    + "regenerate it: node tests/k8s/prometheus-rule.mjs . --write");
  process.exit(1);
}
console.log(`ok: ${path.relative(root, operatorFile)} holds the ${plain.groups.length} groups of ${path.relative(root, plainFile)}`);
