// Policy checks on one rendered overlay. Each check answers a list of failures (empty: it holds). What the code
// says (topics, consumer groups, ports, schemas) comes from sources.mjs, read from the service modules themselves.
import * as src from "./sources.mjs";

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

const selects = (selector, labels) => selector && Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v)
  && (selector.matchExpressions ?? []).every((e) => e.operator === "In" ? e.values.includes(labels?.[e.key])
    : e.operator === "NotIn" ? !e.values.includes(labels?.[e.key])
      : e.operator === "Exists" ? e.key in (labels ?? {}) : !(e.key in (labels ?? {})));

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
        const fromOutside = (p.spec.ingress ?? []).some((r) => (r.from ?? []).some((peer) => peer.namespaceSelector || peer.ipBlock));
        if (!fromOutside) continue;
        for (const svc of services.filter((s) => s !== "gateway")) {
          const dep = named("Deployment", `${svc}-service`);
          if (dep && selects(p.spec.podSelector, dep.spec.template.metadata.labels)) {
            fail(`NetworkPolicy ${p.metadata.name} lets pods of other namespaces reach ${svc}-service; only the gateway is public`);
          }
        }
      }
    });

  check("no Secret is rendered: secrets are referenced, never committed", (fail) => {
    for (const s of of("Secret")) fail(`${id(s)} is in the manifests`);
  });

  return results;
}
