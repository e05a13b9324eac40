// Proves the checks can fail: breaks a correct rendering in ways that must be caught, one at a time, and fails if
// one is not. Guards against a check that passes vacuously (a selector that matches nothing, a renamed field).
import { checks } from "./policies.mjs";
import { validateObject } from "./schemas.mjs";
import YAML from "yaml";

const find = (objects, kind, name) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`self-test: no ${kind} ${name} in the rendering`);
  return found;
};
/** Changes the collector's configuration (the ConfigMap otel-collector-config-<hash>) with edit(config). */
const collectorConfig = (objects, edit) => {
  const cm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("otel-collector-config"));
  if (!cm) throw new Error("self-test: no ConfigMap otel-collector-config in the rendering");
  const config = YAML.parse(cm.data["config.yaml"]);
  edit(config);
  cm.data["config.yaml"] = YAML.stringify(config);
};
const operator = (config, opId) => config.receivers.filelog.operators.find((op) => op.id === opId);
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
  ["a logs pipeline exporting to a misspelt exporter (otlp_htp/loki)", "telemetry:", (o) => collectorConfig(o, (c) => {
    c.service.pipelines.logs.exporters = ["otlp_htp/loki"];
  })],
  ["an exporter of a type the collector does not have, misspelt alike where defined and used (otlphtp)", "telemetry:", (o) => collectorConfig(o, (c) => {
    c.exporters["otlphtp/loki"] = c.exporters["otlp_http/loki"]; delete c.exporters["otlp_http/loki"];
    c.service.pipelines.logs.exporters = ["otlphtp/loki"];
  })],
  ["a misspelt processor, defined and used alike (memory_limitter)", "telemetry:", (o) => collectorConfig(o, (c) => {
    c.processors.memory_limitter = c.processors.memory_limiter; delete c.processors.memory_limiter;
    c.service.pipelines.logs.processors = ["memory_limitter", "batch"];
    c.service.pipelines.traces.processors = ["memory_limitter", "batch"];
  })],
  ["batch before memory_limiter", "telemetry:", (o) => collectorConfig(o, (c) => { c.service.pipelines.traces.processors.reverse(); })],
  ["filelog reading every namespace's pods", "telemetry:", (o) => collectorConfig(o, (c) => {
    c.receivers.filelog.include = ["/var/log/pods/*/*/*.log"];
  })],
  ["the job id made a resource attribute (a Loki label per job)", "telemetry:", (o) => collectorConfig(o, (c) => {
    operator(c, "job-id").to = 'resource["autoflow.job"]';
  })],
  ["the user id copied into the resource under an allowed key", "telemetry:", (o) => collectorConfig(o, (c) => {
    c.receivers.filelog.operators.push({ type: "copy", from: "attributes.userId", to: 'resource["service.name"]' });
  })],
  ["log lines without their trace id", "telemetry:", (o) => collectorConfig(o, (c) => { delete operator(c, "autoflow-json").trace; })],
  ["an ${env:...} the collector is not given", "telemetry:", (o) => collectorConfig(o, (c) => {
    c.exporters["otlp_http/loki"].endpoint = "${env:LOKI_ENDPOINT}";
  })],
  ["Loki's push API instead of its OTLP endpoint", "telemetry:", (o) => {
    const cm = o.find((x) => x.kind === "ConfigMap" && x.metadata.name.startsWith("otel-collector-backends"));
    cm.data.LOKI_OTLP_ENDPOINT = "http://loki.monitoring.svc:3100/loki/api/v1/push";
  }],
  ["services without OTEL_EXPORTER_OTLP_ENDPOINT", "sends spans", (o) => {
    delete find(o, "ConfigMap", "autoflow-config").data.OTEL_EXPORTER_OTLP_ENDPOINT;
  }],
  ["spans sent to the collector's health port", "sends spans", (o) => {
    find(o, "ConfigMap", "autoflow-config").data.OTEL_EXPORTER_OTLP_ENDPOINT = "http://otel-collector.autoflow-telemetry.svc:13133";
  }],
  ["the collector's Service routing spans across nodes", "sends spans", (o) => {
    find(o, "Service", "otel-collector").spec.internalTrafficPolicy = "Cluster";
  }],
  ["the services not let out to the collector", "network (telemetry)", (o) => {
    o.splice(o.indexOf(find(o, "NetworkPolicy", "services-to-telemetry")), 1);
  }],
  ["the collector not letting the services in on 4318", "network (telemetry)", (o) => {
    find(o, "NetworkPolicy", "otel-collector-from-services").spec.ingress[0].ports.pop();
  }],
  ["the collector not let out to Tempo", "network (telemetry)", (o) => {
    find(o, "NetworkPolicy", "otel-collector-to-backends").spec.egress.pop();
  }],
  ["the collector's namespace without default deny", "network (telemetry)", (o) => {
    o.splice(o.findIndex((x) => x.kind === "NetworkPolicy" && x.metadata.name === "default-deny" && x.metadata.namespace === "autoflow-telemetry"), 1);
  }],
  ["a log line's trace link to a data source that is not there", "Grafana data sources", (o) => {
    const cm = find(o, "ConfigMap", "autoflow-grafana-datasources");
    const key = Object.keys(cm.data)[0];
    cm.data[key] = cm.data[key].replace("datasourceUid: autoflow-tempo", "datasourceUid: tempo");
  }],
  ["a service mounting a node's directory", "hostPath", (o) => {
    find(o, "Deployment", "transform-service").spec.template.spec.volumes.push({ name: "node", hostPath: { path: "/etc" } });
  }],
  ["the collector in the namespace autoflow (baseline refuses its hostPath)", "hostPath", (o) => {
    find(o, "DaemonSet", "otel-collector").metadata.namespace = "autoflow";
  }],
  ["another pod in the collector's privileged namespace", "hostPath", (o) => {
    find(o, "Deployment", "redis").metadata.namespace = "autoflow-telemetry";
  }],
  ["the collector mounting the pod logs writable", "hostPath", (o) => {
    const c = find(o, "DaemonSet", "otel-collector").spec.template.spec.containers[0];
    delete c.volumeMounts.find((m) => m.mountPath === "/var/log/pods").readOnly;
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
