// Checks on the OpenTelemetry Collector's configuration (k8s/base/telemetry/otel-collector-config.yaml), read from
// the rendered ConfigMap the DaemonSet mounts. No collector binary is at hand here (none is packaged for Debian), so
// this is what `otelcol validate` would refuse for our use, and what it would not: components of the pinned release
// only, pipelines naming defined components, and where the logs and their labels come from.
import YAML from "yaml";

/** The collector image's tag that COMPONENTS is for. */
export const PINNED = "0.147.0";

/**
 * Component types of otelcol-contrib 0.147.0 (the DaemonSet's image) that this repository may use, by section.
 * A type not listed fails the test: a misspelt name, or a new component to add here after checking it is in the
 * pinned release (its README in the collector's repositories, at that tag).
 */
export const COMPONENTS = {
  receivers: ["otlp", "filelog", "hostmetrics", "kubeletstats", "k8s_cluster", "k8sobjects", "prometheus", "journald"],
  processors: ["memory_limiter", "batch", "k8sattributes", "resource", "resourcedetection", "attributes", "transform", "filter"],
  exporters: ["otlp_grpc", "otlp_http", "debug", "file"],
  extensions: ["health_check", "file_storage", "pprof", "zpages"],
  connectors: ["forward", "spanmetrics", "count", "routing"],
};
/** Old names the pinned release still takes but warns about at every start (renamed in 0.144.0). */
const RENAMED = { exporters: { otlp: "otlp_grpc", otlphttp: "otlp_http" } };

/** The filelog receiver's operators (pkg/stanza) that this repository may use. */
export const OPERATORS = ["container", "json_parser", "regex_parser", "key_value_parser", "severity_parser",
  "time_parser", "trace_parser", "scope_name_parser", "move", "copy", "add", "remove", "flatten", "router", "noop",
  "recombine", "filter"];

/** Values with no bound: never a resource attribute, which Loki may make an index label (a stream per value). */
export const UNBOUNDED = ["jobId", "userId", "traceId", "spanId", "trace_id", "span_id", "job.id", "user.id"];
/** The only resource attributes the log pipeline may set itself: Loki indexes them by default. */
const BOUNDED_RESOURCE = ["service.name"];

const typeOf = (id) => String(id).split("/")[0];
const list = (v) => (Array.isArray(v) ? v : v == null ? [] : [v]);
const ENV_REF = /\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}/g;

/** The configuration's text parsed, or a thrown error naming what does not parse. */
export function parseConfig(text) {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length) throw new Error(`the collector's configuration does not parse: ${doc.errors[0].message}`);
  return doc.toJS() ?? {};
}

/** Every ${env:NAME} (or ${NAME}) the configuration reads. */
export function envReferences(text) {
  return new Set([...text.matchAll(ENV_REF)].map((m) => m[1]));
}

/** A value with ${env:NAME} replaced from env (names missing there stay as they are). */
export const resolve = (value, env) => String(value ?? "").replace(ENV_REF, (all, name) => env[name] ?? all);

/** The port of an endpoint "host:port", "scheme://host:port/path" (scheme's default port when none is given). */
export function endpointOf(value) {
  const text = String(value ?? "");
  let url;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `grpc://${text}`);
  } catch {
    return { host: "", port: NaN, path: "" }; // unresolved ${env:...} or no endpoint: reported by the telemetry check
  }
  const port = Number(url.port || { "http:": 80, "https:": 443 }[url.protocol]);
  return { host: url.hostname, port, path: url.pathname };
}

/** Components of unknown types, pipelines naming undefined components, components nothing uses. */
export function componentProblems(config) {
  const problems = [];
  for (const [section, known] of Object.entries(COMPONENTS)) {
    for (const id of Object.keys(config[section] ?? {})) {
      const type = typeOf(id);
      const renamed = RENAMED[section]?.[type];
      if (renamed) problems.push(`${section}: ${id} uses the old name ${type}; the pinned release calls it ${renamed}`);
      else if (!known.includes(type)) problems.push(`${section}: ${id} is of type ${type}, no component of otelcol-contrib 0.147.0 that tests/k8s/telemetry.mjs knows`);
    }
  }
  const pipelines = config.service?.pipelines ?? {};
  if (!Object.keys(pipelines).length) problems.push("service.pipelines is empty");
  const used = { receivers: new Set(), processors: new Set(), exporters: new Set(), connectors: new Set() };
  for (const [name, p] of Object.entries(pipelines)) {
    if (!["logs", "traces", "metrics"].includes(typeOf(name))) problems.push(`pipeline ${name}: not a logs, traces or metrics pipeline`);
    for (const role of ["receivers", "processors", "exporters"]) {
      const ids = list(p?.[role]);
      if (role !== "processors" && !ids.length) problems.push(`pipeline ${name}: no ${role}`);
      for (const id of ids) {
        const connector = role !== "processors" && config.connectors && id in config.connectors;
        if (connector) used.connectors.add(id);
        else if (!(config[role] && id in config[role])) problems.push(`pipeline ${name}: ${role.slice(0, -1)} ${id} is not defined under ${role}`);
        else used[role].add(id);
      }
    }
    const processors = list(p?.processors);
    if (processors.length && typeOf(processors[0]) !== "memory_limiter") problems.push(`pipeline ${name}: memory_limiter is not its first processor`);
    if (!processors.some((id) => typeOf(id) === "batch")) problems.push(`pipeline ${name}: no batch processor`);
  }
  for (const role of ["receivers", "processors", "exporters", "connectors"]) {
    for (const id of Object.keys(config[role] ?? {})) if (!used[role].has(id)) problems.push(`${role}: ${id} is defined but in no pipeline`);
  }
  for (const id of list(config.service?.extensions)) {
    if (!(config.extensions && id in config.extensions)) problems.push(`service.extensions: ${id} is not defined under extensions`);
  }
  for (const id of Object.keys(config.extensions ?? {})) {
    if (!list(config.service?.extensions).includes(id)) problems.push(`extensions: ${id} is defined but not in service.extensions`);
  }
  return problems;
}

/** The components of one kind and type that the pipelines of one signal use: [id, its configuration]. */
export function used(config, signal, role, type) {
  const ids = Object.entries(config.service?.pipelines ?? {}).filter(([name]) => typeOf(name) === signal)
    .flatMap(([, p]) => list(p?.[role]));
  return [...new Set(ids)].filter((id) => typeOf(id) === type).map((id) => [id, config[role]?.[id] ?? {}]);
}

/** The filelog receivers of the logs pipelines: namespace scope, operators, and the trace link. */
export function filelogProblems(config, namespace, logMounts) {
  const problems = [];
  const receivers = used(config, "logs", "receivers", "filelog");
  if (!receivers.length) problems.push("no logs pipeline reads files (filelog)");
  for (const [id, r] of receivers) {
    const include = list(r.include);
    if (!include.length) problems.push(`${id}: no include path`);
    for (const path of include) {
      if (!path.startsWith(`/var/log/pods/${namespace}_`)) problems.push(`${id}: include ${path} is not within /var/log/pods/${namespace}_* (the services' namespace)`);
      if (!logMounts.some((m) => path.startsWith(`${m}/`))) problems.push(`${id}: include ${path} is on no hostPath the collector mounts at the node's own path`);
    }
    if (r.include_file_path !== true) problems.push(`${id}: include_file_path is not true (the container operator reads namespace, pod and container from it)`);
    const operators = list(r.operators);
    const ids = new Set();
    for (const [i, op] of operators.entries()) {
      const opId = op.id ?? op.type;
      if (!OPERATORS.includes(op.type)) problems.push(`${id}: operator ${opId} is of type ${op.type}, not a known filelog operator`);
      if (ids.has(opId)) problems.push(`${id}: two operators are called ${opId}`);
      ids.add(opId);
      if (i === 0 && op.type !== "container") problems.push(`${id}: its first operator is not the container parser`);
    }
    for (const op of operators) for (const out of list(op.output)) if (!ids.has(out)) problems.push(`${id}: operator ${op.id ?? op.type} outputs to ${out}, which no operator is`);
    const json = operators.filter((op) => op.type === "json_parser");
    if (!json.length) problems.push(`${id}: no json_parser for the services' JSON lines`);
    for (const op of json) {
      const where = `${id}: json_parser ${op.id ?? op.type}`;
      if (!String(op.trace?.trace_id?.parse_from ?? "").endsWith(".traceId")) problems.push(`${where}: the trace id is not taken from the line's traceId`);
      if (!String(op.trace?.span_id?.parse_from ?? "").endsWith(".spanId")) problems.push(`${where}: the span id is not taken from the line's spanId`);
      if (!String(op.severity?.parse_from ?? "").endsWith(".level")) problems.push(`${where}: the severity is not taken from the line's level`);
    }
    const lifted = new Set(operators.filter((op) => ["move", "copy"].includes(op.type)).map((op) => String(op.to)));
    for (const key of ["attributes.jobId", "attributes.userId", 'resource["service.name"]']) {
      if (!lifted.has(key)) problems.push(`${id}: no operator moves the line's value to ${key}`);
    }
  }
  return problems;
}

/** A field (stanza syntax) that names a resource attribute: its key, else null. */
function resourceKey(field) {
  const m = String(field ?? "").match(/^resource(?:\["([^"]+)"\]|\.(.+))?$/);
  return m ? (m[1] ?? m[2] ?? "*") : null;
}
const mentionsUnbounded = (text) => UNBOUNDED.find((name) => new RegExp(`(^|[^A-Za-z])${name.replace(".", "\\.")}($|[^A-Za-z])`).test(String(text)));

/**
 * Where a value with no bound (a job, user, trace or span id) could become a Loki label: set as a resource attribute by
 * a filelog operator, a resource or transform processor, or named in a Loki label hint.
 */
export function labelProblems(config) {
  const problems = [];
  for (const [id, r] of Object.entries(config.receivers ?? {})) {
    for (const op of list(r?.operators)) {
      const where = `${id}: operator ${op.id ?? op.type}`;
      const target = op.type === "add" ? op.field : op.type?.endsWith("_parser") || op.type === "container" ? op.parse_to : op.to;
      const key = resourceKey(target);
      if (key === null) continue;
      if (key === "*") problems.push(`${where}: writes into the resource as a whole (every field a possible Loki label)`);
      else if (!BOUNDED_RESOURCE.includes(key)) problems.push(`${where}: sets resource attribute ${key}; only ${BOUNDED_RESOURCE} may be (Loki indexes resource attributes)`);
      const unbounded = mentionsUnbounded(`${op.from ?? ""} ${op.value ?? ""}`);
      if (unbounded) problems.push(`${where}: puts ${unbounded} into the resource: a Loki label per value`);
    }
  }
  for (const [id, p] of Object.entries(config.processors ?? {})) {
    const type = typeOf(id);
    if (type === "resource") {
      for (const a of list(p?.actions)) {
        const unbounded = mentionsUnbounded(`${a.key ?? ""} ${a.from_attribute ?? ""} ${a.from_context ?? ""}`);
        if (unbounded && a.action !== "delete") problems.push(`processor ${id}: puts ${unbounded} into the resource: a Loki label per value`);
      }
    }
    if (type === "transform") {
      for (const group of [...list(p?.log_statements), ...list(p?.trace_statements)]) {
        for (const s of [...list(group?.statements), ...(typeof group === "string" ? [group] : [])]) {
          if (/resource\.attributes\[/.test(s) && /^\s*(set|merge_maps|copy)/.test(s) && mentionsUnbounded(s)) problems.push(`processor ${id}: ${s} puts ${mentionsUnbounded(s)} into the resource`);
        }
      }
    }
    const hints = JSON.stringify(p ?? {}).match(/loki\.(attribute|resource)\.labels[^,}]*/g) ?? [];
    for (const h of hints) if (mentionsUnbounded(h)) problems.push(`processor ${id}: a Loki label hint names ${mentionsUnbounded(h)}`);
  }
  return problems;
}
