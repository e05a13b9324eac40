// Schema validation of rendered objects, offline.
//  - Built-in kinds (and KEDA's, cert-manager's and the Prometheus Operator's, which have model packages): the JSON schemas bundled with
//    kubernetes-models and @kubernetes-models/*, compiled validators of the Kubernetes OpenAPI documents.
//  - Custom resources: their operator's CRD openAPIV3Schema (tests/k8s/crds), with Ajv.
// Both alone accept fields that do not exist (Kubernetes schemas do not say additionalProperties: false), so a
// misspelt field (runAsNonroot) would pass and be dropped silently by the API server. Each object is therefore
// also checked for unknown fields: with a CRD by walking its schema; with a compiled validator by watching which
// properties of each object it reads (it reads every property its schema defines) and refusing the others.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import YAML from "yaml";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The model package of an API group, if there is one. */
function modelPackage(apiVersion) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  if (group === "keda.sh") return "@kubernetes-models/keda";
  if (group === "cert-manager.io") return "@kubernetes-models/cert-manager";
  if (group === "monitoring.coreos.com") return "@kubernetes-models/prometheus-operator";
  if (group === "" || !group.includes(".") || group.endsWith(".k8s.io")) return "kubernetes-models";
  return null;
}

const modelCache = new Map();

/** {Model, validate} for a kind from its model package, or null when the package has no such kind. */
async function model(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  let found = null;
  const pkg = modelPackage(apiVersion);
  if (pkg) {
    const modelFile = path.join(HERE, "node_modules", pkg, apiVersion, `${kind}.js`);
    if (fs.existsSync(modelFile)) {
      const source = fs.readFileSync(modelFile, "utf8");
      // The model imports its compiled schema: `import{validate}from"../../_schemas/IoK8sApiAppsV1Deployment.js"`.
      const schema = source.match(/from\s*"([^"]*_schemas\/[^"]+)"/);
      if (!schema) throw new Error(`${modelFile}: no schema import found`);
      const Model = (await import(pathToFileURL(modelFile)))[kind];
      const { validate } = await import(new URL(schema[1], pathToFileURL(modelFile)));
      found = { Model, validate };
    }
  }
  modelCache.set(key, found);
  return found;
}

/**
 * Runs a compiled validator on a copy of `obj` wrapped in proxies that note, per object, which properties the
 * validator read; answers the paths of properties it never read (unknown fields). An object whose keys the
 * validator enumerated (a map: labels, resources.limits, a trigger's metadata) accepts any key.
 */
function unknownFieldsByReading(validate, obj) {
  const reads = new Map(); // original object -> {path, read: Set, enumerated}
  const proxies = new WeakMap();
  const wrap = (value, at) => {
    if (value === null || typeof value !== "object") return value;
    if (proxies.has(value)) return proxies.get(value);
    const note = { path: at, read: new Set(), enumerated: false };
    reads.set(value, note);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === "string") note.read.add(key);
        const child = Reflect.get(target, key, receiver);
        return typeof key === "string" && Object.hasOwn(target, key) ? wrap(child, `${at}/${key}`) : child;
      },
      has(target, key) {
        if (typeof key === "string") note.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        note.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  validate(wrap(structuredClone(obj), ""));
  const unknown = [];
  for (const [value, note] of reads) {
    if (Array.isArray(value) || note.enumerated) continue;
    for (const key of Object.keys(value)) if (!note.read.has(key)) unknown.push(`${note.path}/${key}`);
  }
  return unknown;
}

// ---- CRDs -----------------------------------------------------------------------------------------------------

const crds = new Map(); // "group/version/Kind" -> {schema, validate, file}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);
// OpenAPI formats Kubernetes uses that JSON Schema does not define.
ajv.addFormat("int32", { type: "number", validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: (n) => Number.isInteger(n) });
ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/);
ajv.addFormat("quantity", true);
for (const keyword of ["x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations", "x-kubernetes-embedded-resource"]) {
  ajv.addKeyword(keyword);
}

/** Loads every CRD under tests/k8s/crds. */
export function loadCrds(dir = path.join(HERE, "crds")) {
  for (const folder of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const name of fs.readdirSync(path.join(dir, folder.name)).filter((f) => f.endsWith(".yaml"))) {
      const file = path.join(dir, folder.name, name);
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJS())) {
        if (doc?.kind !== "CustomResourceDefinition") continue;
        for (const version of doc.spec.versions.filter((v) => v.served)) {
          const schema = version.schema.openAPIV3Schema;
          crds.set(`${doc.spec.group}/${version.name}/${doc.spec.names.kind}`,
            { schema, validate: ajv.compile(schema), file: path.relative(HERE, file) });
        }
      }
    }
  }
  return crds;
}

/** Paths of fields the structural schema does not define (not below x-kubernetes-preserve-unknown-fields). */
function unknownFieldsBySchema(schema, value, at, out) {
  if (!schema || value === null || typeof value !== "object" || schema["x-kubernetes-preserve-unknown-fields"]) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFieldsBySchema(schema.items, item, `${at}/${i}`, out));
    return out;
  }
  const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : null;
  for (const [key, child] of Object.entries(value)) {
    if (schema.properties && key in schema.properties) unknownFieldsBySchema(schema.properties[key], child, `${at}/${key}`, out);
    else if (extra) unknownFieldsBySchema(extra, child, `${at}/${key}`, out);
    else if (schema.additionalProperties !== true) out.push(`${at}/${key}`);
  }
  return out;
}

const describeAjv = (errors) => errors.map((e) => `${e.instancePath || "/"} ${e.message}`
  + (e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : ""));

/**
 * Validates one rendered object; answers a list of problems (empty when valid). Every object must be checked by
 * something: a model, a CRD, or both; an object of a kind neither knows is a problem in itself.
 */
export async function validateObject(obj) {
  const problems = [];
  const { apiVersion, kind } = obj;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const found = await model(apiVersion, kind);
  const crd = crds.get(`${group}/${version}/${kind}`);
  if (!found && !crd) {
    return [`no schema for ${apiVersion} ${kind}: add its CRD to tests/k8s/crds (with its licence)`];
  }
  if (found) {
    try {
      new found.Model(obj).validate();
    } catch (e) {
      problems.push(`kubernetes-models: ${e.message}`);
    }
    for (const field of unknownFieldsByReading(found.validate, obj)) problems.push(`unknown field ${field}`);
  }
  if (crd) {
    if (!crd.validate(obj)) problems.push(...describeAjv(crd.validate.errors).map((m) => `${crd.file}: ${m}`));
    const { metadata, ...rest } = obj;
    for (const field of unknownFieldsBySchema(crd.schema, rest, "", [])) problems.push(`unknown field ${field} (${crd.file})`);
    // A CRD says only `metadata: {type: object}`: check it as the API server does, as an ObjectMeta.
    if (!found) {
      const meta = await objectMeta();
      for (const field of unknownFieldsByReading(meta, metadata)) problems.push(`unknown field /metadata${field}`);
      if (!meta(metadata)) problems.push(...meta.errors.map((e) => `/metadata${e.instancePath} ${e.message}`));
    }
  }
  return [...new Set(problems)];
}

let objectMetaValidate;
async function objectMeta() {
  if (!objectMetaValidate) {
    ({ validate: objectMetaValidate } = await import(
      "@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta"));
  }
  return objectMetaValidate;
}
