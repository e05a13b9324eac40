// Proves the checks can fail: breaks a correct rendering in ways that must be caught, one at a time, and fails if
// one is not. Guards against a check that passes vacuously (a selector that matches nothing, a renamed field).
import { checks } from "./policies.mjs";
import { validateObject } from "./schemas.mjs";

const find = (objects, kind, name) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`self-test: no ${kind} ${name} in the rendering`);
  return found;
};
const app = (objects, name) => find(objects, "Deployment", name).spec.template.spec.containers[0];

/** Each: what is broken, which check must then fail (a part of its name), and the change. */
const MUTATIONS = [
  ["a misspelt field (runAsNonroot)", null, (o) => {
    const sc = app(o, "gateway-service").securityContext;
    sc.runAsNonroot = sc.runAsNonRoot; delete sc.runAsNonRoot;
    return find(o, "Deployment", "gateway-service");
  }],
  ["a port as a string", null, (o) => {
    app(o, "orchestrator-service").ports[0].containerPort = "8082";
    return find(o, "Deployment", "orchestrator-service");
  }],
  ["a misspelt field in a CRD-validated resource (KafkaTopic spec.partition)", null, (o) => {
    const t = find(o, "KafkaTopic", "intents");
    t.spec.partition = t.spec.partitions; delete t.spec.partitions;
    return t;
  }],
  ["a missing readiness probe", "probes", (o) => { delete app(o, "analytics-service").readinessProbe; }],
  ["a container without memory limit", "probes", (o) => { delete find(o, "Deployment", "redis").spec.template.spec.containers[0].resources.limits.memory; }],
  ["a writable root filesystem", "probes", (o) => { app(o, "transform-service").securityContext.readOnlyRootFilesystem = false; }],
  ["a topic of libs/events without KafkaTopic", "KafkaTopic", (o) => {
    o.splice(o.indexOf(find(o, "KafkaTopic", "user-events.dlq")), 1);
  }],
  ["a ScaledObject naming another consumer group", "ScaledObject", (o) => {
    find(o, "ScaledObject", "automation-service").spec.triggers[0].metadata.consumerGroup = "automations";
  }],
  ["a worker with @Scheduled work allowed to sleep", "ScaledObject", (o) => { find(o, "ScaledObject", "notification-service").spec.minReplicaCount = 0; }],
  ["a worker let sleep at zero that the gateway's admission would keep asleep", "judges exactly", (o) => {
    find(o, "ScaledObject", "automation-service").spec.minReplicaCount = 0;
    delete find(o, "ConfigMap", "gateway-service-config").data.AUTOFLOW_ADMISSION_SCALE_TO_ZERO_GROUPS;
  }],
  ["a worker kept awake that the gateway's admission would not notice down", "judges exactly", (o) => {
    find(o, "ConfigMap", "gateway-service-config").data.AUTOFLOW_ADMISSION_SCALE_TO_ZERO_GROUPS = "orchestrator";
  }],
  ["a grace period shorter than the shutdown timeout", "grace period", (o) => {
    find(o, "Deployment", "scheduler-service").spec.template.spec.terminationGracePeriodSeconds = 20;
  }],
  ["a misspelt field in a KafkaUser ACL (operation)", null, (o) => {
    const acl = find(o, "KafkaUser", "transform-service").spec.authorization.acls[0];
    acl.operation = acl.operations; delete acl.operations;
    return find(o, "KafkaUser", "transform-service");
  }],
  ["a Kafka listener without authentication", "Kafka listeners", (o) => {
    delete find(o, "Kafka", "autoflow").spec.kafka.listeners[0].authentication;
  }],
  ["a plain listener beside the TLS one", "Kafka listeners", (o) => {
    find(o, "Kafka", "autoflow").spec.kafka.listeners.push({ name: "plain", port: 9092, type: "internal", tls: false });
  }],
  ["Kafka without ACLs (no authorization)", "Kafka listeners", (o) => { delete find(o, "Kafka", "autoflow").spec.kafka.authorization; }],
  ["a service without its KafkaUser", "own KafkaUser whose ACLs", (o) => {
    o.splice(o.indexOf(find(o, "KafkaUser", "scheduler-service")), 1);
  }],
  ["a KafkaUser without the ACL for its consumer group", "own KafkaUser whose ACLs", (o) => {
    const authz = find(o, "KafkaUser", "analytics-service").spec.authorization;
    authz.acls = authz.acls.filter((a) => a.resource.type !== "group");
  }],
  ["a KafkaUser allowed on a topic its service does not use", "own KafkaUser whose ACLs", (o) => {
    find(o, "KafkaUser", "transform-service").spec.authorization.acls.push(
      { resource: { type: "topic", name: "notifications" }, operations: ["Read", "Describe"] });
  }],
  ["a KafkaUser that may Read what its service only writes", "own KafkaUser whose ACLs", (o) => {
    const acl = find(o, "KafkaUser", "orchestrator-service").spec.authorization.acls
      .find((a) => a.resource.name === "job-updates");
    acl.operations = ["Read", "Describe"];
  }],
  ["a KafkaUser allowed on every topic (a prefix)", "own KafkaUser whose ACLs", (o) => {
    find(o, "KafkaUser", "automation-service").spec.authorization.acls.push(
      { resource: { type: "topic", name: "workflow.", patternType: "prefix" }, operations: ["Write"] });
  }],
  ["a Deployment signing in with another service's Secret", "signs in as its own KafkaUser", (o) => {
    app(o, "gateway-service").env.find((e) => e.name === "KAFKA_SASL_JAAS_CONFIG").valueFrom.secretKeyRef.name = "orchestrator-service";
  }],
  ["a Deployment talking to Kafka without TLS", "signs in as its own KafkaUser", (o) => {
    app(o, "conversation-service").env.find((e) => e.name === "KAFKA_SECURITY_PROTOCOL").value = "SASL_PLAINTEXT";
  }],
  ["a Deployment without the cluster CA mounted", "signs in as its own KafkaUser", (o) => {
    const c = app(o, "notification-service");
    c.volumeMounts = c.volumeMounts.filter((m) => !m.mountPath.startsWith("/etc/autoflow/kafka-ca"));
  }],
  ["a kafka trigger without authentication", "KEDA reads consumer lag", (o) => {
    delete find(o, "ScaledObject", "transform-service").spec.triggers[0].authenticationRef;
  }],
  ["KEDA's user allowed to Read a topic", "KEDA reads consumer lag", (o) => {
    find(o, "KafkaUser", "keda-lag-reader").spec.authorization.acls[0].operations.push("Read");
  }],
  ["a service without its ServiceMonitor", "metrics:", (o) => {
    o.splice(o.indexOf(find(o, "ServiceMonitor", "transform-service")), 1);
  }],
  ["a ServiceMonitor scraping another path", "metrics:", (o) => {
    find(o, "ServiceMonitor", "gateway-service").spec.endpoints[0].path = "/metrics";
  }],
  ["Prometheus let in on every port", "metrics:", (o) => {
    delete find(o, "NetworkPolicy", "metrics-from-monitoring").spec.ingress[0].ports;
  }],
  ["a misspelt field in a ServiceMonitor (endpoints[].interva)", null, (o) => {
    const m = find(o, "ServiceMonitor", "orchestrator-service");
    m.spec.endpoints[0].interva = m.spec.endpoints[0].interval; delete m.spec.endpoints[0].interval;
    return m;
  }],
  ["a misspelt field in a PrometheusRule (rules[].expression)", null, (o) => {
    const rule = find(o, "PrometheusRule", "autoflow").spec.groups[0].rules[0];
    rule.expression = rule.expr; delete rule.expr;
    return find(o, "PrometheusRule", "autoflow");
  }],
  ["an internal service reachable from another namespace", "network", (o) => {
    find(o, "NetworkPolicy", "gateway-from-ingress-controller").spec.podSelector = {};
  }],
];

export async function selfTest(objects, root) {
  const results = [];
  for (const [what, checkName, mutate] of MUTATIONS) {
    const copy = structuredClone(objects);
    let caught;
    try {
      const changed = mutate(copy);
      if (checkName === null) caught = (await validateObject(changed)).length > 0;
      else caught = checks(copy, root).some((c) => c.name.includes(checkName) && c.failures.length);
      results.push({ name: `${what} is caught`, failures: caught ? [] : [`not caught: the checks passed ${what}`] });
    } catch (e) {
      results.push({ name: `${what} is caught`, failures: [e.message] });
    }
  }
  return results;
}
