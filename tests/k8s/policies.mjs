// Policy checks on one rendered overlay. Each check answers a list of failures (empty: it holds). What the code
// says (topics, consumer groups, ports, schemas) comes from sources.mjs, read from the service modules themselves.
import * as src from "./sources.mjs";
import * as otel from "./telemetry.mjs";
import YAML from "yaml";

/** The services whose work arrives over HTTP: scaled on CPU by an HPA. Every other service is a Kafka worker. */
export const REQUEST_DRIVEN = ["gateway", "conversation"];

const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

function podSpecOf(obj) {
  if (obj.kind === "Pod") return obj.spec;
  if (obj.kind === "CronJob") return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

const id = (o) => `${o.kind} ${o.metadata?.name}`;
const seconds = (d) => {
  const m = String(d).match(/^(\d+)(ms|s|m|h)?$/) ?? String(d).match(/^PT(\d+)S$/i);
  if (!m) return NaN;
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] ?? "s"] ?? 1);
};

/** The literal environment of a container: its ConfigMaps (envFrom) and its env values. */
function environment(container, objects) {
  const env = {};
  for (const from of container.envFrom ?? []) {
    const cm = from.configMapRef && objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === from.configMapRef.name);
    Object.assign(env, cm?.data ?? {});
  }
  for (const e of container.env ?? []) if ("value" in e) env[e.name] = e.value;
  return env;
}

/** A KafkaUser's ACLs as "type patternType name operation" strings (allow only; the rest are reported). */
function aclEntries(user, fail) {
  const out = new Set();
  const authz = user.spec?.authorization;
  if (authz?.type !== "simple") { fail(`KafkaUser ${user.metadata.name}: authorization is not simple ACLs`); return out; }
  for (const acl of authz.acls ?? []) {
    const r = acl.resource ?? {};
    const what = `KafkaUser ${user.metadata.name}: ACL on ${r.type} ${r.name ?? "(every name)"}`;
    if ((acl.type ?? "allow") !== "allow") { fail(`${what} is a ${acl.type} rule; least privilege needs no deny rules`); continue; }
    if (!["topic", "group"].includes(r.type)) { fail(`${what}: only topics and groups are granted, never ${r.type}`); continue; }
    if (!r.name || r.name === "*") { fail(`${what}: no wildcard; name the ${r.type}`); continue; }
    if (acl.host && acl.host !== "*") fail(`${what}: host ${acl.host} (pods have no fixed address)`);
    for (const op of acl.operations ?? []) {
      if (op === "All") fail(`${what}: All is more than any service needs`);
      else out.add(`${r.type} ${r.patternType ?? "literal"} ${r.name} ${op}`);
    }
  }
  return out;
}

/** Fails on every needed ACL the user lacks and every ACL it has that is not needed. needed: entry -> why. */
function compareAcls(user, needed, whose, fail) {
  const has = aclEntries(user, fail);
  for (const [entry, why] of needed) if (!has.has(entry)) fail(`KafkaUser ${user.metadata.name}: no ACL for ${describeEntry(entry)} (${why})`);
  for (const entry of has) if (!needed.has(entry)) fail(`KafkaUser ${user.metadata.name}: allows ${describeEntry(entry)}, which ${whose} does not use`);
}
const describeEntry = (entry) => {
  const [type, pattern, name, op] = entry.split(" ");
  return `${op} on ${type} ${pattern === "prefix" ? `${name}* (prefix)` : name}`;
};

/** An ingress rule that lets only Prometheus pods of the "monitoring" namespace in, on the http port only. */
function isMetricsScrape(rule) {
  const peers = rule.from ?? [];
  return peers.length > 0 && peers.every((peer) => !peer.ipBlock
    && peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "monitoring"
    && Object.keys(peer.namespaceSelector).length === 1 && Object.keys(peer.namespaceSelector.matchLabels).length === 1
    && peer.podSelector?.matchLabels?.["app.kubernetes.io/name"] === "prometheus")
    && (rule.ports ?? []).length > 0 && rule.ports.every((p) => p.port === "http");
}

/** The Kafka cluster, the listener the services' bootstrap address names, and that address's problems. */
function servicesListener(objects) {
  const kafka = objects.filter((o) => o.kind === "Kafka");
  if (kafka.length !== 1) return { problems: [`expected one Kafka, found ${kafka.length}`] };
  const cluster = kafka[0].metadata.name;
  const bootstrap = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "autoflow-config")
    ?.data?.AUTOFLOW_KAFKA_BOOTSTRAP_SERVERS;
  const problems = [];
  const ports = new Set();
  for (const address of String(bootstrap ?? "").split(",").filter(Boolean)) {
    const [host, port] = address.trim().split(":");
    if (host.split(".")[0] !== `${cluster}-kafka-bootstrap`) problems.push(`AUTOFLOW_KAFKA_BOOTSTRAP_SERVERS ${address} is not the bootstrap Service of Kafka ${cluster}`);
    ports.add(Number(port));
  }
  if (!bootstrap) problems.push("autoflow-config has no AUTOFLOW_KAFKA_BOOTSTRAP_SERVERS");
  const listeners = (kafka[0].spec.kafka?.listeners ?? []).filter((l) => ports.has(l.port));
  if (bootstrap && listeners.length !== 1) problems.push(`AUTOFLOW_KAFKA_BOOTSTRAP_SERVERS ${bootstrap} names no single listener of Kafka ${cluster}`);
  return { kafka: kafka[0], cluster, listener: listeners.length === 1 ? listeners[0] : null, problems };
}

/** What the SCRAM mechanism of a Strimzi authentication type is called by Kafka clients. */
const SCRAM = { "scram-sha-512": { mechanism: "SCRAM-SHA-512", keda: "scram_sha512" } };

const selects = (selector, labels) => selector && Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v)
  && (selector.matchExpressions ?? []).every((e) => e.operator === "In" ? e.values.includes(labels?.[e.key])
    : e.operator === "NotIn" ? !e.values.includes(labels?.[e.key])
      : e.operator === "Exists" ? e.key in (labels ?? {}) : !(e.key in (labels ?? {})));


/** A namespace's labels: kubernetes.io/metadata.name, which Kubernetes sets, and those of its rendered Namespace. */
const namespaceLabels = (objects, ns) => ({
  "kubernetes.io/metadata.name": ns,
  ...(objects.find((o) => o.kind === "Namespace" && o.metadata.name === ns)?.metadata.labels ?? {}),
});

/**
 * Whether the NetworkPolicies let a pod reach another on a port ({number, name}): egress allowed where the source is,
 * ingress where the destination is. A pod no policy of its namespace selects for a direction is open that way (as in
 * Kubernetes); an ipBlock peer is never taken to match a pod (pod addresses are unknown here).
 * from, to: {namespace, labels}.
 */
function networkAllows(objects, from, to, port) {
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const peerIs = (peer, policyNamespace, pod) => !peer.ipBlock
    && (peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(objects, pod.namespace)) : pod.namespace === policyNamespace)
    && (peer.podSelector ? selects(peer.podSelector, pod.labels) : true);
  const side = (direction, self, other) => {
    const isolating = policies.filter((p) => p.metadata.namespace === self.namespace
      && (p.spec.policyTypes ?? ["Ingress"]).includes(direction) && selects(p.spec.podSelector ?? {}, self.labels));
    if (!isolating.length) return true;
    const [rules, peers] = direction === "Egress" ? ["egress", "to"] : ["ingress", "from"];
    return isolating.some((p) => (p.spec[rules] ?? []).some((rule) =>
      (!(rule[peers] ?? []).length || rule[peers].some((peer) => peerIs(peer, p.metadata.namespace, other)))
      && (!(rule.ports ?? []).length || rule.ports.some((rp) => rp.port === port.number || (port.name && rp.port === port.name)))));
  };
  return side("Egress", from, to) && side("Ingress", to, from);
}

/** The OpenTelemetry Collector: its DaemonSet, container, environment and configuration, or why not. */
function collectorOf(objects) {
  const found = objects.filter((o) => o.kind === "DaemonSet"
    && (podSpecOf(o).containers ?? []).some((c) => String(c.image).includes("opentelemetry-collector")));
  if (found.length !== 1) return { problems: [`expected one OpenTelemetry Collector DaemonSet, found ${found.length}`] };
  const ds = found[0];
  const pod = podSpecOf(ds);
  const c = pod.containers.find((x) => String(x.image).includes("opentelemetry-collector"));
  const problems = [];
  const env = {};
  const envNames = new Set();
  for (const from of c.envFrom ?? []) {
    const cm = from.configMapRef && objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === from.configMapRef.name
      && o.metadata.namespace === ds.metadata.namespace);
    if (from.configMapRef && !cm) problems.push(`${id(ds)}: envFrom names ConfigMap ${from.configMapRef.name}, which is not rendered`);
    for (const [k, v] of Object.entries(cm?.data ?? {})) { env[k] = v; envNames.add(k); }
  }
  for (const e of c.env ?? []) { envNames.add(e.name); if ("value" in e) env[e.name] = e.value; }
  const configArg = [...(c.command ?? []), ...(c.args ?? [])].map((a) => String(a).match(/^--config=(?:file:)?(.+)$/)?.[1]).find(Boolean);
  const mount = configArg && (c.volumeMounts ?? []).find((m) => configArg.startsWith(`${m.mountPath.replace(/\/$/, "")}/`));
  const volume = mount && (pod.volumes ?? []).find((v) => v.name === mount.name);
  const key = mount && configArg.slice(mount.mountPath.replace(/\/$/, "").length + 1);
  const cm = volume?.configMap && objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === volume.configMap.name
    && o.metadata.namespace === ds.metadata.namespace);
  const text = cm?.data?.[key];
  if (text === undefined) return { ds, pod, c, env, envNames, problems: [...problems, `${id(ds)}: its --config (${configArg ?? "none"}) is no key of a ConfigMap it mounts`] };
  let config;
  try { config = otel.parseConfig(text); } catch (e) { return { ds, pod, c, env, envNames, problems: [...problems, e.message] }; }
  // Mounts of the node's own directories, read-only, at the same path: where filelog may read.
  const logMounts = (c.volumeMounts ?? []).filter((m) => m.readOnly
    && (pod.volumes ?? []).some((v) => v.name === m.name && v.hostPath?.path === m.mountPath)).map((m) => m.mountPath);
  return { ds, pod, c, env, envNames, text, config, logMounts, problems };
}

export function checks(objects, root) {
  const of = (kind) => objects.filter((o) => o.kind === kind);
  const named = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const services = src.serviceNames(root);
  const results = [];
  const check = (name, fn) => {
    const failures = [];
    try {
      fn((msg) => failures.push(msg));
    } catch (e) {
      failures.push(`the check itself failed: ${e.stack}`);
    }
    results.push({ name, failures });
  };

  check("every container has startup, liveness and readiness probes, cpu and memory requests and limits, and runs "
    + "non-root with a read-only root filesystem, no privilege escalation, ALL capabilities dropped and the "
    + "RuntimeDefault seccomp profile", (fail) => {
    for (const obj of objects.filter((o) => WORKLOADS.includes(o.kind))) {
      const pod = podSpecOf(obj);
      const all = [...(pod.initContainers ?? []).map((c) => [c, true]), ...(pod.containers ?? []).map((c) => [c, false])];
      for (const [c, init] of all) {
        const where = `${id(obj)} container ${c.name}`;
        if (!init) {
          for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) if (!c[probe]) fail(`${where}: no ${probe}`);
        }
        for (const kind of ["requests", "limits"]) for (const r of ["cpu", "memory"]) {
          if (!c.resources?.[kind]?.[r]) fail(`${where}: no ${r} in resources.${kind}`);
        }
        const sc = c.securityContext ?? {};
        if ((sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true) fail(`${where}: runAsNonRoot is not true`);
        if ((sc.runAsUser ?? pod.securityContext?.runAsUser) === 0) fail(`${where}: runs as user 0`);
        if (sc.readOnlyRootFilesystem !== true) fail(`${where}: readOnlyRootFilesystem is not true`);
        if (sc.allowPrivilegeEscalation !== false) fail(`${where}: allowPrivilegeEscalation is not false`);
        if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(`${where}: capabilities.drop does not hold ALL`);
        if ((sc.capabilities?.add ?? []).length) fail(`${where}: adds capabilities ${sc.capabilities.add}`);
        if ((sc.seccompProfile ?? pod.securityContext?.seccompProfile)?.type !== "RuntimeDefault") {
          fail(`${where}: seccompProfile is not RuntimeDefault`);
        }
        // A read-only root still needs somewhere to write temporary files (the JVM, uploads, spooled documents).
        const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
        if (!tmp || !(pod.volumes ?? []).some((v) => v.name === tmp.name && v.emptyDir)) {
          fail(`${where}: /tmp is not an emptyDir volume`);
        }
      }
      if (pod.hostNetwork || pod.hostPID || pod.hostIPC) fail(`${id(obj)}: shares a host namespace`);
    }
  });

  check("each service module has a Deployment on its quarkus.http.port with the SmallRye Health probes, a Service, "
    + "a ServiceAccount without token, a PodDisruptionBudget, and a grace period covering its shutdown timeout",
  (fail) => {
    for (const svc of services) {
      const name = `${svc}-service`;
      const dep = named("Deployment", name);
      if (!dep) { fail(`${name}: no Deployment`); continue; }
      const pod = podSpecOf(dep);
      const c = pod.containers[0];
      const port = Number(src.properties(root, svc)["quarkus.http.port"]);
      const http = (c.ports ?? []).find((p) => p.name === "http");
      if (http?.containerPort !== port) fail(`${name}: container port http is ${http?.containerPort}, the service listens on ${port}`);
      const env = environment(c, objects);
      if (env.QUARKUS_HTTP_PORT && Number(env.QUARKUS_HTTP_PORT) !== port) fail(`${name}: QUARKUS_HTTP_PORT ${env.QUARKUS_HTTP_PORT} is not ${port}`);
      for (const [probe, path] of [["startupProbe", "/q/health/started"], ["livenessProbe", "/q/health/live"], ["readinessProbe", "/q/health/ready"]]) {
        if (c[probe]?.httpGet?.path !== path) fail(`${name}: ${probe} does not ask ${path}`);
        else if (![port, "http"].includes(c[probe].httpGet.port)) fail(`${name}: ${probe} asks port ${c[probe].httpGet.port}`);
      }
      // SIGTERM comes after the preStop pause; then Quarkus waits up to quarkus.shutdown.timeout; then the JVM exits.
      const shutdown = seconds(env.QUARKUS_SHUTDOWN_TIMEOUT ?? src.properties(root, svc)["quarkus.shutdown.timeout"] ?? 0);
      const pause = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (Number.isNaN(shutdown)) fail(`${name}: cannot read QUARKUS_SHUTDOWN_TIMEOUT ${env.QUARKUS_SHUTDOWN_TIMEOUT}`);
      else if (grace < shutdown + pause + 5) {
        fail(`${name}: terminationGracePeriodSeconds ${grace} < shutdown timeout ${shutdown} s + preStop ${pause} s + 5 s margin`);
      }
      if (pod.automountServiceAccountToken !== false) fail(`${name}: the pod mounts a service account token`);
      const sa = named("ServiceAccount", pod.serviceAccountName);
      if (!sa) fail(`${name}: no ServiceAccount ${pod.serviceAccountName}`);
      else if (sa.automountServiceAccountToken !== false) fail(`${name}: ServiceAccount ${sa.metadata.name} automounts its token`);
      const labels = dep.spec.template.metadata.labels;
      const service = of("Service").find((s) => s.spec.selector && selects({ matchLabels: s.spec.selector }, labels));
      if (!service) fail(`${name}: no Service selects its pods`);
      else if (!service.spec.ports.some((p) => p.port === port)) fail(`${name}: Service ${service.metadata.name} has no port ${port}`);
      if (!of("PodDisruptionBudget").some((p) => selects(p.spec.selector, labels))) fail(`${name}: no PodDisruptionBudget`);
    }
  });

  check("every topic in libs/events Topics.java and in the services' application.properties has a KafkaTopic",
    (fail) => {
      const kafka = of("Kafka");
      if (kafka.length !== 1) { fail(`expected one Kafka, found ${kafka.length}`); return; }
      const cluster = kafka[0].metadata.name;
      const declared = new Map(of("KafkaTopic").map((t) => [t.spec?.topicName ?? t.metadata.name, t]));
      const wanted = new Map(src.eventTopics(root).map((t) => [t, "libs/events Topics.java"]));
      for (const svc of services) for (const t of src.configuredTopics(root, svc)) if (!wanted.has(t)) wanted.set(t, `${svc}-service application.properties`);
      for (const [topic, from] of wanted) {
        const kt = declared.get(topic);
        if (!kt) fail(`topic ${topic} (${from}) has no KafkaTopic`);
        else if (kt.metadata.labels?.["strimzi.io/cluster"] !== cluster) fail(`KafkaTopic ${topic} is not labelled strimzi.io/cluster: ${cluster}`);
      }
      for (const topic of declared.keys()) if (!wanted.has(topic)) fail(`KafkaTopic ${topic} is used by no service (libs/events, application.properties)`);
    });

  check("every consumer group of a worker service has a ScaledObject naming the same topic and group, with as many "
    + "replicas at most as the topic has partitions", (fail) => {
    const kafka = of("Kafka")[0];
    const partitions = new Map(of("KafkaTopic").map((t) => [t.spec?.topicName ?? t.metadata.name, t.spec?.partitions]));
    for (const svc of services.filter((s) => !REQUEST_DRIVEN.includes(s))) {
      const name = `${svc}-service`;
      const groups = src.consumers(root, svc);
      if (!groups.length) continue;
      const so = of("ScaledObject").find((s) => s.spec.scaleTargetRef?.name === name);
      if (!so) { fail(`${name}: consumes ${groups.map((g) => `${g.topic} as ${g.group}`).join(", ")} but no ScaledObject scales it`); continue; }
      if (so.spec.scaleTargetRef.kind && so.spec.scaleTargetRef.kind !== "Deployment") fail(`${id(so)}: does not scale a Deployment`);
      if (!named("Deployment", name)) fail(`${id(so)}: scales ${name}, which has no Deployment`);
      const triggers = (so.spec.triggers ?? []).filter((t) => t.type === "kafka").map((t) => t.metadata);
      for (const g of groups) {
        if (g.group.includes("${")) { fail(`${name}: consumer group ${g.group} is made at run time; a ScaledObject cannot name it`); continue; }
        if (!triggers.some((t) => t.topic === g.topic && t.consumerGroup === g.group)) {
          fail(`${id(so)}: no kafka trigger for topic ${g.topic} and consumer group ${g.group} (channel ${g.channel})`);
        }
      }
      for (const t of triggers) {
        if (!groups.some((g) => g.topic === t.topic && g.group === t.consumerGroup)) {
          fail(`${id(so)}: trigger for topic ${t.topic} and group ${t.consumerGroup}, which ${name} does not consume`);
        }
        if (!kafka || !String(t.bootstrapServers).startsWith(`${kafka.metadata.name}-kafka-bootstrap.`)) {
          fail(`${id(so)}: bootstrapServers ${t.bootstrapServers} is not the Kafka cluster's bootstrap Service`);
        }
        if (!partitions.has(t.topic)) fail(`${id(so)}: topic ${t.topic} has no KafkaTopic`);
      }
      const most = Math.max(...triggers.map((t) => partitions.get(t.topic) ?? 0));
      if (so.spec.maxReplicaCount !== most) fail(`${id(so)}: maxReplicaCount ${so.spec.maxReplicaCount}, but its busiest topic has ${most} partitions`);
      const min = so.spec.minReplicaCount ?? 0;
      if (min < 1 && src.hasScheduledWork(root, svc)) fail(`${id(so)}: minReplicaCount ${min}, but ${name} runs @Scheduled work that needs a replica awake`);
    }
  });

  check("Kafka listeners: every one TLS with authentication (SCRAM-SHA-512 or mTLS), ACLs enforced (authorization "
    + "simple), the User Operator making the KafkaUsers, and the services' bootstrap address one of them", (fail) => {
    const { kafka, problems } = servicesListener(objects);
    problems.forEach(fail);
    if (!kafka) return;
    const listeners = kafka.spec.kafka?.listeners ?? [];
    if (!listeners.length) fail(`Kafka ${kafka.metadata.name}: no listener`);
    for (const l of listeners) {
      if (l.tls !== true) fail(`Kafka ${kafka.metadata.name}: listener ${l.name} (port ${l.port}) is not TLS`);
      if (!["scram-sha-512", "tls"].includes(l.authentication?.type)) {
        fail(`Kafka ${kafka.metadata.name}: listener ${l.name} (port ${l.port}) lets clients in without authentication `
          + `(${l.authentication?.type ?? "none"}); every listener needs SCRAM-SHA-512 or mTLS`);
      }
    }
    if (kafka.spec.kafka?.authorization?.type !== "simple") {
      fail(`Kafka ${kafka.metadata.name}: authorization is ${kafka.spec.kafka?.authorization?.type ?? "off"}, not simple: ACLs would not be enforced`);
    }
    if (!kafka.spec.entityOperator?.userOperator) fail(`Kafka ${kafka.metadata.name}: no entityOperator.userOperator: no KafkaUser would be made`);
  });

  check("every service that uses Kafka has its own KafkaUser whose ACLs allow exactly what its channels and Kafka "
    + "clients do (Read/Describe on what it consumes and its groups, Write/Describe on what it produces and "
    + "dead-letters) and nothing else", (fail) => {
    const { cluster, listener } = servicesListener(objects);
    for (const svc of services) {
      const grants = src.kafkaAccess(root, svc);
      if (!grants.length) continue;
      const name = `${svc}-service`;
      const user = named("KafkaUser", name);
      if (!user) { fail(`${name}: uses Kafka (${grants[0].why}, ...) but there is no KafkaUser ${name}`); continue; }
      if (user.metadata.labels?.["strimzi.io/cluster"] !== cluster) fail(`KafkaUser ${name}: not labelled strimzi.io/cluster: ${cluster}`);
      if (listener?.authentication && user.spec?.authentication?.type !== listener.authentication.type) {
        fail(`KafkaUser ${name}: authentication ${user.spec?.authentication?.type}, but the services' listener ${listener.name} wants ${listener.authentication?.type}`);
      }
      const needed = new Map();
      for (const g of grants) for (const op of g.operations) {
        const entry = `${g.type} ${g.patternType} ${g.name} ${op}`;
        needed.set(entry, needed.has(entry) ? `${needed.get(entry)}; ${g.why}` : `${name}: ${g.why}`);
      }
      compareAcls(user, needed, name, fail);
    }
  });

  check("every Kafka-using Deployment signs in as its own KafkaUser: SASL_SSL with the listener's SCRAM mechanism, "
    + "its JAAS line from its user's Secret, the cluster CA mounted as its PEM truststore, no other user's Secret",
  (fail) => {
    const { cluster, listener } = servicesListener(objects);
    const scram = SCRAM[listener?.authentication?.type];
    if (listener?.authentication && !scram) fail(`the services' listener ${listener.name} uses ${listener.authentication?.type}; these checks know SCRAM-SHA-512 clients only`);
    const users = new Set(of("KafkaUser").map((u) => u.metadata.name));
    for (const svc of services) {
      if (!src.kafkaAccess(root, svc).length) continue;
      const name = `${svc}-service`;
      const dep = named("Deployment", name);
      if (!dep) continue; // reported by the Deployment check
      const pod = podSpecOf(dep);
      const c = pod.containers[0];
      const env = environment(c, objects);
      if (env.KAFKA_SECURITY_PROTOCOL !== "SASL_SSL") fail(`${name}: KAFKA_SECURITY_PROTOCOL is ${env.KAFKA_SECURITY_PROTOCOL ?? "unset"}, not SASL_SSL`);
      if (scram && env.KAFKA_SASL_MECHANISM !== scram.mechanism) fail(`${name}: KAFKA_SASL_MECHANISM is ${env.KAFKA_SASL_MECHANISM ?? "unset"}, not ${scram.mechanism}`);
      const jaas = (c.env ?? []).find((e) => e.name === "KAFKA_SASL_JAAS_CONFIG")?.valueFrom?.secretKeyRef;
      if (jaas?.name !== name || jaas?.key !== "sasl.jaas.config" || jaas?.optional) {
        fail(`${name}: KAFKA_SASL_JAAS_CONFIG does not come from key sasl.jaas.config of the Secret ${name} (its KafkaUser's), `
          + `but ${jaas ? `${jaas.name}/${jaas.key}${jaas.optional ? " (optional)" : ""}` : "nowhere"}`);
      }
      if (env.KAFKA_SSL_TRUSTSTORE_TYPE !== "PEM") fail(`${name}: KAFKA_SSL_TRUSTSTORE_TYPE is ${env.KAFKA_SSL_TRUSTSTORE_TYPE ?? "unset"}, not PEM`);
      const location = env.KAFKA_SSL_TRUSTSTORE_LOCATION ?? "";
      const mount = (c.volumeMounts ?? []).find((m) => location.startsWith(`${m.mountPath.replace(/\/$/, "")}/`));
      const volume = mount && (pod.volumes ?? []).find((v) => v.name === mount.name);
      const file = mount && location.slice(mount.mountPath.replace(/\/$/, "").length + 1);
      const key = volume?.secret?.items ? volume.secret.items.find((i) => i.path === file)?.key : file;
      if (volume?.secret?.secretName !== `${cluster}-cluster-ca-cert` || key !== "ca.crt") {
        fail(`${name}: KAFKA_SSL_TRUSTSTORE_LOCATION ${location || "(unset)"} is not ca.crt of the Secret ${cluster}-cluster-ca-cert, mounted`);
      }
      const secretsRead = [
        ...(c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name),
        ...(c.envFrom ?? []).map((e) => e.secretRef?.name),
        ...(pod.volumes ?? []).flatMap((v) => [v.secret?.secretName, ...(v.projected?.sources ?? []).map((p) => p.secret?.name)]),
      ].filter(Boolean);
      for (const other of secretsRead) if (users.has(other) && other !== name) fail(`${name}: reads the Secret of KafkaUser ${other}, not its own`);
    }
  });

  check("KEDA reads consumer lag as a KafkaUser of its own: every kafka trigger on the services' listener with a "
    + "TriggerAuthentication (SCRAM over TLS, the cluster CA, that user's Secret), the user allowed to Describe the "
    + "triggers' topics and groups and nothing else; no KafkaUser that nobody uses", (fail) => {
    const { cluster, listener } = servicesListener(objects);
    const scram = SCRAM[listener?.authentication?.type];
    const neededByUser = new Map(); // KafkaUser name -> Map(entry -> why)
    for (const so of of("ScaledObject")) {
      for (const t of (so.spec.triggers ?? []).filter((tr) => tr.type === "kafka")) {
        const where = `${id(so)} trigger ${t.metadata?.topic}/${t.metadata?.consumerGroup}`;
        const port = Number(String(t.metadata?.bootstrapServers ?? "").split(",")[0].split(":")[1]);
        if (listener && port !== listener.port) fail(`${where}: bootstrapServers ${t.metadata?.bootstrapServers} is not the services' listener (port ${listener.port})`);
        const authName = t.authenticationRef?.name;
        const kind = t.authenticationRef?.kind ?? "TriggerAuthentication";
        const auth = authName && kind === "TriggerAuthentication" && named("TriggerAuthentication", authName);
        if (!auth) { fail(`${where}: no authenticationRef to a TriggerAuthentication of this namespace: KEDA could not sign in`); continue; }
        const params = {};
        for (const r of auth.spec.secretTargetRef ?? []) params[r.parameter] = { secret: r.name, key: r.key };
        for (const r of auth.spec.configMapTargetRef ?? []) params[r.parameter] = { value: named("ConfigMap", r.name)?.data?.[r.key] };
        const value = (p) => params[p]?.value ?? t.metadata?.[p];
        const user = value("username");
        const at = `TriggerAuthentication ${authName}`;
        if (!user || !named("KafkaUser", user)) { fail(`${at}: username ${user ?? "(none)"} is no KafkaUser`); continue; }
        if (params.password?.secret !== user || params.password?.key !== "password") fail(`${at}: password is not key password of the Secret ${user}`);
        if (params.ca?.secret !== `${cluster}-cluster-ca-cert` || params.ca?.key !== "ca.crt") fail(`${at}: ca is not ca.crt of ${cluster}-cluster-ca-cert`);
        if (scram && value("sasl") !== scram.keda) fail(`${at}: sasl is ${value("sasl") ?? "unset"}, not ${scram.keda}`);
        if (value("tls") !== "enable") fail(`${at}: tls is ${value("tls") ?? "unset"}, not enable`);
        if (!neededByUser.has(user)) neededByUser.set(user, new Map());
        neededByUser.get(user).set(`topic literal ${t.metadata.topic} Describe`, `lag of ${where}`);
        neededByUser.get(user).set(`group literal ${t.metadata.consumerGroup} Describe`, `lag of ${where}`);
      }
    }
    for (const [user, needed] of neededByUser) {
      if (services.some((svc) => `${svc}-service` === user)) { fail(`KEDA signs in as ${user}, a service's own user: give it one of its own`); continue; }
      compareAcls(named("KafkaUser", user), needed, "KEDA", fail);
    }
    const used = new Set([...neededByUser.keys(), ...services.filter((svc) => src.kafkaAccess(root, svc).length).map((svc) => `${svc}-service`)]);
    for (const u of of("KafkaUser")) if (!used.has(u.metadata.name)) fail(`KafkaUser ${u.metadata.name} is used by no service and no ScaledObject`);
  });

  check("request-driven services (gateway, conversation) scale on CPU with at least one replica always up", (fail) => {
    for (const svc of REQUEST_DRIVEN) {
      const name = `${svc}-service`;
      const hpa = of("HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef?.name === name);
      if (!hpa) { fail(`${name}: no HorizontalPodAutoscaler`); continue; }
      if (hpa.apiVersion !== "autoscaling/v2") fail(`${id(hpa)}: not autoscaling/v2`);
      if (!(hpa.spec.metrics ?? []).some((m) => m.type === "Resource" && m.resource?.name === "cpu")) fail(`${id(hpa)}: not on CPU`);
      if ((hpa.spec.minReplicas ?? 1) < 1) fail(`${id(hpa)}: minReplicas below 1`);
    }
  });

  check("the gateway judges exactly the workers that may sleep at zero by their backlog alone (admission would "
    + "otherwise refuse the job that wakes them, or miss a worker that should run)", (fail) => {
    const gw = named("Deployment", "gateway-service");
    const env = gw ? environment(podSpecOf(gw).containers[0], objects) : {};
    if (env.AUTOFLOW_ADMISSION_ENABLED === "false") return;
    const asleep = new Set(of("ScaledObject").filter((s) => (s.spec.minReplicaCount ?? 0) === 0)
      .flatMap((s) => (s.spec.triggers ?? []).filter((t) => t.type === "kafka").map((t) => t.metadata.consumerGroup)));
    const listed = new Set(String(env.AUTOFLOW_ADMISSION_SCALE_TO_ZERO_GROUPS ?? "").split(",").map((g) => g.trim())
      .filter((g) => g));
    for (const group of asleep) {
      if (!listed.has(group)) {
        fail(`consumer group ${group} may scale to zero, but AUTOFLOW_ADMISSION_SCALE_TO_ZERO_GROUPS does not name it: `
          + "the gateway would refuse the very job that wakes it");
      }
    }
    for (const group of listed) {
      if (!asleep.has(group)) {
        fail(`AUTOFLOW_ADMISSION_SCALE_TO_ZERO_GROUPS names ${group}, whose workers never scale to zero: `
          + "admission would not notice them down");
      }
    }
  });

  check("each service has its own PostgreSQL role (its Secret in the Deployment) owning the schema it migrates",
    (fail) => {
      const pg = of("Cluster");
      if (pg.length !== 1) { fail(`expected one CloudNativePG Cluster, found ${pg.length}`); return; }
      const roles = pg[0].spec.managed?.roles ?? [];
      const sql = (pg[0].spec.bootstrap?.initdb?.postInitApplicationSQL ?? []).join("\n");
      for (const svc of services) {
        const dep = named("Deployment", `${svc}-service`);
        const env = dep ? podSpecOf(dep).containers[0].env ?? [] : [];
        const secret = env.find((e) => e.name === "AUTOFLOW_DB_USER")?.valueFrom?.secretKeyRef?.name;
        const passwordSecret = env.find((e) => e.name === "AUTOFLOW_DB_PASSWORD")?.valueFrom?.secretKeyRef?.name;
        if (!secret || secret !== passwordSecret) { fail(`${svc}-service: AUTOFLOW_DB_USER/PASSWORD do not come from one Secret`); continue; }
        const role = roles.find((r) => r.passwordSecret?.name === secret);
        if (!role) { fail(`${svc}-service: no managed role of the Cluster takes its password from ${secret}`); continue; }
        if (role.login !== true || role.superuser || role.createrole || role.createdb) fail(`role ${role.name}: must log in and hold no other power`);
        for (const schema of src.schemas(root, svc)) {
          if (!new RegExp(`CREATE SCHEMA ${schema} AUTHORIZATION ${role.name}\\b`, "i").test(sql)) {
            fail(`${svc}-service migrates schema ${schema}, which the bootstrap SQL does not give to role ${role.name}`);
          }
        }
      }
    });

  check("network: all traffic denied unless allowed, DNS allowed, and only the gateway reachable from outside the namespace",
    (fail) => {
      const policies = of("NetworkPolicy");
      const deny = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !p.spec.ingress && !p.spec.egress
        && ["Ingress", "Egress"].every((t) => (p.spec.policyTypes ?? []).includes(t)));
      if (!deny) fail("no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
      if (!policies.some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0
        && (p.spec.egress ?? []).some((r) => (r.ports ?? []).some((port) => port.port === 53)))) fail("no policy lets every pod reach DNS (port 53)");
      for (const p of policies) {
        for (const rule of p.spec.ingress ?? []) {
          if (!rule.from?.length) fail(`NetworkPolicy ${p.metadata.name}: an ingress rule without peers lets everyone in`);
        }
        // Prometheus in "monitoring" may scrape, on the HTTP port only (see the metrics check).
        const fromOutside = (p.spec.ingress ?? []).some((r) => !isMetricsScrape(r)
          && (r.from ?? []).some((peer) => peer.namespaceSelector || peer.ipBlock));
        if (!fromOutside) continue;
        for (const svc of services.filter((s) => s !== "gateway")) {
          const dep = named("Deployment", `${svc}-service`);
          if (dep && selects(p.spec.podSelector, dep.spec.template.metadata.labels)) {
            fail(`NetworkPolicy ${p.metadata.name} lets pods of other namespaces reach ${svc}-service; only the gateway is public`);
          }
        }
      }
    });

  check("metrics: every service has a ServiceMonitor scraping /q/metrics on its Service's http port, Prometheus in "
    + "\"monitoring\" may reach that port and no other, and a PrometheusRule holds the alert rules", (fail) => {
    for (const svc of services) {
      const name = `${svc}-service`;
      const service = named("Service", name);
      const monitors = of("ServiceMonitor").filter((m) => service && selects(m.spec.selector, service.metadata.labels ?? {}));
      if (!monitors.length) { fail(`${name}: no ServiceMonitor selects its Service`); continue; }
      for (const m of monitors) {
        for (const e of m.spec.endpoints ?? []) {
          if (e.port !== "http" || !service.spec.ports.some((p) => p.name === "http")) fail(`ServiceMonitor ${m.metadata.name}: port ${e.port} is not the Service's http port`);
          if (e.path !== "/q/metrics") fail(`ServiceMonitor ${m.metadata.name}: path ${e.path} is not /q/metrics`);
        }
      }
      const dep = named("Deployment", name);
      const scraped = of("NetworkPolicy").some((p) => dep && selects(p.spec.podSelector, dep.spec.template.metadata.labels)
        && (p.spec.ingress ?? []).some(isMetricsScrape));
      if (!scraped) fail(`${name}: no NetworkPolicy lets Prometheus in "monitoring" reach its http port`);
    }
    for (const p of of("NetworkPolicy")) {
      for (const rule of p.spec.ingress ?? []) {
        const fromMonitoring = (rule.from ?? []).some((peer) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "monitoring");
        if (fromMonitoring && !isMetricsScrape(rule)) fail(`NetworkPolicy ${p.metadata.name}: lets "monitoring" in on more than the http port, or any of its pods`);
      }
    }
    const rules = of("PrometheusRule");
    if (!rules.some((r) => (r.spec.groups ?? []).some((g) => (g.rules ?? []).some((x) => x.alert)))) fail("no PrometheusRule with alerts");
  });

  check("dashboards: every dashboard of monitoring/dashboards/ is in the ConfigMap Grafana's sidecar loads, each "
    + "panel reads Prometheus through the dashboard's datasource variable with at least one query", (fail) => {
    const maps = of("ConfigMap").filter((m) => m.metadata.labels?.grafana_dashboard === "1");
    const shipped = Object.assign({}, ...maps.map((m) => m.data ?? {}));
    for (const [file, board] of Object.entries(src.dashboards(root))) {
      if (shipped[file] === undefined) { fail(`${file} is in no ConfigMap labelled grafana_dashboard`); continue; }
      if (JSON.stringify(JSON.parse(shipped[file])) !== JSON.stringify(board)) fail(`${file}: the ConfigMap's copy differs`);
      if (!board.uid || !board.title) fail(`${file}: no uid or title`);
      if (!(board.templating?.list ?? []).some((v) => v.name === "datasource" && v.type === "datasource")) fail(`${file}: no datasource variable`);
      for (const panel of board.panels ?? []) {
        const targets = panel.targets ?? [];
        if (!targets.length || targets.some((t) => !t.expr)) fail(`${file}: panel '${panel.title}' has a target without a query`);
        if (panel.datasource?.uid !== "${datasource}") fail(`${file}: panel '${panel.title}' does not use the datasource variable`);
      }
    }
  });

  check("Grafana data sources: Prometheus, Loki and Tempo in a ConfigMap Grafana's sidecar loads, none the default, "
    + "log lines linked to Tempo by trace id and spans to Loki, every link to a data source that exists", (fail) => {
    const maps = of("ConfigMap").filter((m) => m.metadata.labels?.grafana_datasource === "1");
    const sources = maps.flatMap((m) => Object.values(m.data ?? {}).flatMap((text) => YAML.parse(text)?.datasources ?? []));
    const byType = (type) => sources.filter((d) => d.type === type);
    for (const type of ["prometheus", "loki", "tempo"]) if (byType(type).length !== 1) fail(`expected one ${type} data source, found ${byType(type).length}`);
    const uids = new Set(sources.map((d) => d.uid));
    if (uids.size !== sources.length || uids.has(undefined)) fail("every data source needs a uid of its own");
    for (const d of sources) if (d.isDefault) fail(`${d.name}: isDefault (Grafana refuses a second default; kube-prometheus-stack has one)`);
    const link = (from, uid, what) => { if (!uids.has(uid)) fail(`${from}: ${what} names data source ${uid ?? "(none)"}, which is not provisioned`); };
    for (const loki of byType("loki")) {
      const fields = loki.jsonData?.derivedFields ?? [];
      if (!fields.some((f) => /trace/i.test(f.matcherRegex ?? "") && byType("tempo").some((t) => t.uid === f.datasourceUid))) fail(`${loki.name}: no derived field links a trace id to Tempo`);
      for (const f of fields) link(loki.name, f.datasourceUid, `derived field ${f.name}`);
    }
    for (const tempo of byType("tempo")) {
      const logs = tempo.jsonData?.tracesToLogsV2;
      if (!byType("loki").some((l) => l.uid === logs?.datasourceUid)) fail(`${tempo.name}: tracesToLogsV2 does not link to the Loki data source`);
      if (logs?.customQuery && !/trace_id="\$\$\{__(span|trace)\.traceId\}"/.test(logs.query ?? "")) fail(`${tempo.name}: the custom logs query does not filter on the trace id ($$ escaped)`);
      for (const [key, v] of Object.entries(tempo.jsonData ?? {})) if (v?.datasourceUid) link(tempo.name, v.datasourceUid, key);
    }
  });

  check("no Secret is rendered: secrets are referenced, never committed", (fail) => {
    for (const s of of("Secret")) fail(`${id(s)} is in the manifests`);
  });

  check("telemetry: the OpenTelemetry Collector runs on every node from the pinned contrib image; its configuration "
    + "names only components of that release, every pipeline's receivers, processors and exporters are defined, "
    + "memory_limiter first and batch in each; the logs pipeline reads only the services' namespace's pod logs "
    + "(container parser, JSON lines with level, trace and span ids, jobId and userId lifted) into Loki's OTLP "
    + "endpoint, the traces pipeline takes OTLP (gRPC and HTTP) to Tempo; every ${env:...} it reads is given; no "
    + "job, user, trace or span id can become a Loki label", (fail) => {
    const col = collectorOf(objects);
    col.problems.forEach(fail);
    if (!col.config) return;
    const { ds, c, config, env } = col;
    const tag = String(c.image).split(":")[1];
    if (tag !== otel.PINNED) fail(`${id(ds)}: image ${c.image} is not ${otel.PINNED}, the release tests/k8s/telemetry.mjs knows the components of`);
    const namespaces = new Set(services.map((svc) => named("Deployment", `${svc}-service`)?.metadata.namespace).filter(Boolean));
    if (namespaces.size !== 1) fail(`the services are in ${namespaces.size} namespaces, expected one`);
    const [namespace] = namespaces;
    otel.componentProblems(config).forEach(fail);
    otel.filelogProblems(config, namespace, col.logMounts).forEach(fail);
    otel.labelProblems(config).forEach(fail);
    for (const name of otel.envReferences(col.text)) if (!col.envNames.has(name)) fail(`the configuration reads \${env:${name}}, which ${id(ds)} does not set`);
    const loki = otel.used(config, "logs", "exporters", "otlp_http");
    if (!loki.length) fail("the logs pipeline exports with no otlp_http exporter (Loki's OTLP endpoint)");
    for (const [name, e] of loki) {
      const url = otel.resolve(e.endpoint, env);
      if (!/^https?:\/\/[^/]+\/otlp\/?$/.test(url)) fail(`exporter ${name}: endpoint ${url || "(none)"} is not Loki's OTLP endpoint http(s)://<host>/otlp`);
    }
    const tempo = [...otel.used(config, "traces", "exporters", "otlp_grpc"), ...otel.used(config, "traces", "exporters", "otlp_http")];
    if (!tempo.length) fail("the traces pipeline exports with no OTLP exporter (Tempo)");
    for (const [name, e] of tempo) if (!otel.resolve(e.endpoint, env) || /\$\{/.test(otel.resolve(e.endpoint, env))) fail(`exporter ${name}: no endpoint`);
    const otlp = otel.used(config, "traces", "receivers", "otlp");
    if (!otlp.length) fail("the traces pipeline has no otlp receiver");
    for (const [name, r] of otlp) for (const proto of ["grpc", "http"]) if (!r.protocols?.[proto]?.endpoint) fail(`receiver ${name}: no ${proto} endpoint`);
  });

  check("traces: every service Deployment sends spans (OTEL_EXPORTER_OTLP_ENDPOINT) to the collector's Service, which "
    + "keeps them on the node (internalTrafficPolicy Local) and leads to the port of the collector's otlp receiver "
    + "for the services' protocol", (fail) => {
    const col = collectorOf(objects);
    if (!col.config) { fail("no collector configuration (see the telemetry check)"); return; }
    const receiverPort = (proto) => {
      const [, r] = otel.used(col.config, "traces", "receivers", "otlp")[0] ?? [];
      const at = r && otel.resolve(r.protocols?.[proto]?.endpoint, col.env).replace(/^\$\{[^}]+\}/, "0.0.0.0");
      return at ? otel.endpointOf(at).port : NaN;
    };
    for (const svc of services) {
      const dep = named("Deployment", `${svc}-service`);
      if (!dep) continue;
      const env = environment(podSpecOf(dep).containers[0], objects);
      const where = `${svc}-service`;
      const value = env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT;
      if (!value) { fail(`${where}: no OTEL_EXPORTER_OTLP_ENDPOINT: its spans are dropped`); continue; }
      const proto = (env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "grpc") === "grpc" ? "grpc" : "http";
      const { host, port } = otel.endpointOf(value);
      const [svcName, ns = dep.metadata.namespace] = host.split(".");
      const service = objects.find((o) => o.kind === "Service" && o.metadata.name === svcName && o.metadata.namespace === ns);
      if (!service) { fail(`${where}: OTEL_EXPORTER_OTLP_ENDPOINT ${value} names no Service (${svcName} in ${ns})`); continue; }
      if (!selects({ matchLabels: service.spec.selector ?? {} }, col.ds.spec.template.metadata.labels) || !service.spec.selector) fail(`${where}: Service ${ns}/${svcName} does not select the collector's pods`);
      if (service.spec.internalTrafficPolicy !== "Local") fail(`Service ${ns}/${svcName}: internalTrafficPolicy is not Local: spans would cross nodes`);
      const sp = (service.spec.ports ?? []).find((p) => p.port === port);
      const target = sp && (col.c.ports ?? []).find((p) => p.name === sp.targetPort || p.containerPort === (sp.targetPort ?? sp.port));
      if (!target) fail(`${where}: port ${port} of Service ${ns}/${svcName} leads to no port of the collector`);
      else if (target.containerPort !== receiverPort(proto)) fail(`${where}: sends ${proto} to the collector's port ${target.containerPort}, where its otlp receiver's ${proto} endpoint is not (${receiverPort(proto)})`);
    }
  });

  check("network (telemetry): the services may send spans to the collector (OTLP gRPC and HTTP), the collector may "
    + "reach each backend's port, and each namespace with pods of ours denies all other traffic by default", (fail) => {
    const col = collectorOf(objects);
    if (!col.ds) { fail("no collector"); return; }
    const collector = { namespace: col.ds.metadata.namespace, labels: col.ds.spec.template.metadata.labels };
    const ports = Object.fromEntries((col.c.ports ?? []).map((p) => [p.containerPort, p.name]));
    for (const svc of services) {
      const dep = named("Deployment", `${svc}-service`);
      if (!dep) continue;
      const from = { namespace: dep.metadata.namespace, labels: dep.spec.template.metadata.labels };
      for (const port of [4317, 4318]) {
        if (!networkAllows(objects, from, collector, { number: port, name: ports[port] })) fail(`${svc}-service may not reach the collector on ${port}`);
      }
    }
    if (col.config) {
      for (const [name, e] of [...otel.used(col.config, "logs", "exporters", "otlp_http"), ...otel.used(col.config, "traces", "exporters", "otlp_grpc"), ...otel.used(col.config, "traces", "exporters", "otlp_http")]) {
        const { host, port } = otel.endpointOf(otel.resolve(e.endpoint, col.env));
        if (!host) continue; // no address: the telemetry check says so
        // A backend <service>.<namespace>.svc, whose pods are labelled app.kubernetes.io/name=<service> (Grafana's charts).
        const [svcName, ns = collector.namespace] = host.split(".");
        const backend = { namespace: ns, labels: { "app.kubernetes.io/name": svcName } };
        if (!networkAllows(objects, collector, backend, { number: port })) fail(`exporter ${name}: the collector may not reach ${host}:${port}`);
      }
    }
    const workloadNamespaces = new Set(objects.filter((o) => WORKLOADS.includes(o.kind)).map((o) => o.metadata.namespace));
    for (const ns of workloadNamespaces) {
      const deny = of("NetworkPolicy").some((p) => p.metadata.namespace === ns && Object.keys(p.spec.podSelector ?? {}).length === 0
        && !p.spec.ingress && !p.spec.egress && ["Ingress", "Egress"].every((t) => (p.spec.policyTypes ?? []).includes(t)));
      if (!deny) fail(`namespace ${ns}: no default-deny NetworkPolicy`);
    }
  });

  check("hostPath: only the log collector mounts the node's files, /var/log/pods read-only, in a namespace of its own "
    + "whose Pod Security level admits it; every other pod's namespace enforces baseline or stricter", (fail) => {
    const col = collectorOf(objects);
    for (const obj of objects.filter((o) => WORKLOADS.includes(o.kind))) {
      const pod = podSpecOf(obj);
      const hostPaths = (pod.volumes ?? []).filter((v) => v.hostPath);
      const isCollector = obj === col.ds;
      for (const v of hostPaths) {
        if (!isCollector) { fail(`${id(obj)}: hostPath volume ${v.name} (${v.hostPath.path}); only the log collector may have one`); continue; }
        if (v.hostPath.path !== "/var/log/pods") fail(`${id(obj)}: hostPath ${v.hostPath.path}; the log collector needs /var/log/pods only`);
        const mounts = [...(pod.initContainers ?? []), ...(pod.containers ?? [])].flatMap((c) => c.volumeMounts ?? []).filter((m) => m.name === v.name);
        for (const m of mounts) if (m.readOnly !== true) fail(`${id(obj)}: mounts hostPath ${v.hostPath.path} writable`);
      }
      const ns = obj.metadata.namespace;
      const level = namespaceLabels(objects, ns)["pod-security.kubernetes.io/enforce"];
      if (hostPaths.length) {
        if (level !== "privileged") fail(`${id(obj)}: has a hostPath, but namespace ${ns} enforces ${level ?? "no level"}: the API server would refuse its pods unless "privileged"`);
      } else if (!["baseline", "restricted"].includes(level)) {
        fail(`${id(obj)}: namespace ${ns} enforces ${level ?? "no Pod Security level"}, not baseline or restricted (the `
          + "privileged namespace is the log collector's alone)");
      }
    }
  });

  return results;
}
