// What the code says the deployment must match: topic names (libs/events Topics.java) and each service's Kafka
// consumers, port, schema and background tasks (its application.properties and sources). Read from the same files
// the services are built from, so that the manifests cannot drift from them unnoticed.
import fs from "node:fs";
import path from "node:path";

/** The services, by their short name (the module is `<name>-service`). */
export function serviceNames(root) {
  return fs.readdirSync(root).filter((d) => d.endsWith("-service")
      && fs.existsSync(path.join(root, d, "src/main/resources/application.properties")))
    .map((d) => d.replace(/-service$/, "")).sort();
}

/** application.properties as key -> value, without profile-specific (%test. ...) keys, continuation lines joined. */
export function properties(root, service) {
  const text = fs.readFileSync(path.join(root, `${service}-service/src/main/resources/application.properties`), "utf8");
  const props = {};
  for (const line of text.replace(/\\\r?\n\s*/g, "").split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#") || trimmed.startsWith("!") || trimmed.startsWith("%")) continue;
    const at = trimmed.search(/[=:]/);
    if (at < 0) continue;
    props[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1).trim();
  }
  return props;
}

/** Every Kafka consumer of the service: {channel, topic, group}. */
export function consumers(root, service) {
  const props = properties(root, service);
  const out = [];
  for (const [key, group] of Object.entries(props)) {
    const m = key.match(/^mp\.messaging\.incoming\.(.+)\.group\.id$/);
    if (!m) continue;
    const channel = m[1];
    // Without a topic property SmallRye reads the topic named like the channel.
    const topic = props[`mp.messaging.incoming.${channel}.topic`] ?? channel;
    out.push({ channel, topic, group });
  }
  return out;
}

/**
 * Every topic named in the service's configuration: consumed, produced and dead-letter topics. A Kafka channel with
 * no topic property uses the channel's name as its topic (SmallRye Reactive Messaging).
 */
export function configuredTopics(root, service) {
  const props = properties(root, service);
  const topics = new Set();
  for (const [key, value] of Object.entries(props)) {
    if (/^mp\.messaging\.(incoming|outgoing)\..+\.(topic|dead-letter-queue\.topic)$/.test(key)) topics.add(value);
    const channel = key.match(/^mp\.messaging\.(incoming|outgoing)\.(.+)\.connector$/);
    if (channel && value === "smallrye-kafka" && !props[`mp.messaging.${channel[1]}.${channel[2]}.topic`]) {
      topics.add(channel[2]);
    }
  }
  return [...topics];
}

/** libs/events Topics.java: its String constants, its main topics (MAIN) and the dead-letter suffix of dlq(). */
function topicsJava(root) {
  const file = path.join(root, "libs/events/src/main/java/io/autoflow/events/Topics.java");
  const src = fs.readFileSync(file, "utf8");
  const constants = {};
  for (const m of src.matchAll(/static\s+final\s+String\s+(\w+)\s*=\s*"([^"]+)"\s*;/g)) constants[m[1]] = m[2];
  const main = src.match(/List<String>\s+MAIN\s*=\s*List\.of\(([^)]*)\)/);
  const suffix = src.match(/String\s+dlq\(String\s+(\w+)\)\s*\{\s*return\s+\1\s*\+\s*"([^"]+)"\s*;/);
  if (!Object.keys(constants).length || !main || !suffix) {
    throw new Error(`cannot read the topics from ${file}: expected String constants, MAIN = List.of(...) and `
      + `dlq(topic) { return topic + "..."; } — update tests/k8s/sources.mjs with it`);
  }
  const mainTopics = main[1].split(",").map((s) => s.trim()).filter(Boolean).map((name) => {
    if (!(name in constants)) throw new Error(`Topics.java: MAIN names ${name}, which is not a String constant`);
    return constants[name];
  });
  return { constants, main: mainTopics, deadLetters: mainTopics.map((t) => t + suffix[2]) };
}

/** The topic a `Topics.NAME` reference in Java source stands for. */
function topicConstant(root, name, where) {
  const topic = topicsJava(root).constants[name];
  if (!topic) throw new Error(`${where}: Topics.${name} is not a String constant of libs/events Topics.java`);
  return topic;
}

/** Topic names in libs/events Topics.java: its String constants, and the dead-letter topic of each main topic. */
export function eventTopics(root) {
  const { constants, deadLetters } = topicsJava(root);
  return [...new Set([...Object.values(constants), ...deadLetters])];
}

// ---- Kafka access: what each service's KafkaUser must be allowed, and nothing more -----------------------------

/**
 * Kafka clients a service builds in its own code, outside its configured channels, by the file that builds them
 * (under <service>-service/src/main/java) and what they do. A file that builds a Kafka client (Admin.create,
 * new KafkaConsumer/KafkaProducer) or sends to a topic chosen per message (withTopic) and is not listed here fails
 * the test: its access must be described here first, so that its KafkaUser can be checked.
 */
const HAND_BUILT_CLIENTS = {
  // Workflow requests go to the topic of their intent (libs/events Intents.workflowTopic).
  "io/autoflow/orchestrator/messaging/WorkflowDispatcher.java": (root) => {
    const file = path.join(root, "libs/events/src/main/java/io/autoflow/events/Intents.java");
    const topics = [...fs.readFileSync(file, "utf8").matchAll(/->\s*Topics\.(\w+)/g)].map((m) => topicConstant(root, m[1], file));
    if (!topics.length) throw new Error(`${file}: no "-> Topics.X" in workflowTopic — update tests/k8s/sources.mjs`);
    return topics.map((t) => grant("topic", t, ["Write", "Describe"], "workflow requests (WorkflowDispatcher)"));
  },
  // Admission: describes the workers' groups, reads their committed offsets and their topics' end offsets.
  "io/autoflow/gateway/admission/WorkerAvailability.java": (root) => {
    const file = path.join(root, "gateway-service/src/main/java/io/autoflow/gateway/admission/Workers.java");
    const workers = [...fs.readFileSync(file, "utf8").matchAll(/new\s+Workers\(\s*"[^"]*"\s*,\s*Topics\.(\w+)\s*,\s*"([^"]+)"\s*\)/g)];
    if (!workers.length) throw new Error(`${file}: no new Workers("...", Topics.X, "group") — update tests/k8s/sources.mjs`);
    return workers.flatMap((m) => [
      grant("topic", topicConstant(root, m[1], file), ["Describe"], "admission (WorkerAvailability)"),
      grant("group", m[2], ["Describe"], "admission (WorkerAvailability)")]);
  },
  // The dead-letter API: lists and reads every dead-letter topic, without a consumer group.
  "io/autoflow/gateway/messaging/DeadLetterReader.java": (root) => topicsJava(root).deadLetters
    .map((t) => grant("topic", t, ["Read", "Describe"], "dead-letter API (DeadLetterReader)")),
  // Replays dead letters onto the topics they failed on: any main topic.
  "io/autoflow/gateway/messaging/DeadLetterRepublisher.java": (root) => topicsJava(root).main
    .map((t) => grant("topic", t, ["Write", "Describe"], "dead-letter replay (DeadLetterRepublisher)")),
};
const BUILDS_A_CLIENT = /\bAdmin(Client)?\.create\(|new\s+Kafka(Consumer|Producer)\b|\.withTopic\(/;

/** One permission a service needs: operations on a topic or group, by literal name or by prefix. */
function grant(type, name, operations, why, patternType = "literal") {
  return { type, name, patternType, operations, why };
}

/** The failure strategy of an incoming channel: its own, else the connector's default (libs/service-base). */
function failureStrategy(root, props, channel) {
  const own = props[`mp.messaging.incoming.${channel}.failure-strategy`];
  if (own) return own;
  const base = path.join(root, "libs/service-base/src/main/resources/META-INF/microprofile-config.properties");
  const text = fs.existsSync(base) ? fs.readFileSync(base, "utf8") : "";
  return text.match(/^mp\.messaging\.connector\.smallrye-kafka\.failure-strategy\s*=\s*(\S+)/m)?.[1] ?? "fail";
}

/**
 * Everything the service does on Kafka, as grants: Read/Describe on the topics it consumes and on its groups (a
 * group named at run time, gateway-live-${quarkus.uuid}, by the prefix before the placeholder), Write/Describe on
 * the topics it produces and on the dead-letter topics its failure strategy writes, and what its hand-built clients
 * do (HAND_BUILT_CLIENTS). Empty for a service without Kafka.
 */
export function kafkaAccess(root, service) {
  const props = properties(root, service);
  const grants = [];
  for (const { channel, topic, group } of consumers(root, service)) {
    grants.push(grant("topic", topic, ["Read", "Describe"], `consumes channel ${channel}`));
    const at = group.indexOf("${");
    grants.push(at < 0 ? grant("group", group, ["Read", "Describe"], `group of channel ${channel}`)
      : grant("group", group.slice(0, at), ["Read", "Describe"], `group of channel ${channel} (${group})`, "prefix"));
  }
  for (const [key, value] of Object.entries(props)) {
    const m = key.match(/^mp\.messaging\.(incoming|outgoing)\.(.+)\.connector$/);
    if (!m || value !== "smallrye-kafka") continue;
    const [, direction, channel] = m;
    if (direction === "outgoing") {
      grants.push(grant("topic", props[`mp.messaging.outgoing.${channel}.topic`] ?? channel, ["Write", "Describe"],
        `produces channel ${channel}`));
    } else if (failureStrategy(root, props, channel) === "dead-letter-queue") {
      // SmallRye's default dead-letter topic when none is named.
      const dlq = props[`mp.messaging.incoming.${channel}.dead-letter-queue.topic`] ?? `dead-letter-topic-${channel}`;
      grants.push(grant("topic", dlq, ["Write", "Describe"], `dead letters of channel ${channel}`));
    }
  }
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory()
    ? walk(path.join(d, e.name)) : e.name.endsWith(".java") ? [path.join(d, e.name)] : []);
  for (const module of [`${service}-service`, ...deployedLibs(root, `${service}-service`)]) {
    const code = path.join(root, module, "src/main/java");
    for (const file of fs.existsSync(code) ? walk(code) : []) {
      if (!BUILDS_A_CLIENT.test(fs.readFileSync(file, "utf8"))) continue;
      const known = HAND_BUILT_CLIENTS[path.relative(code, file).split(path.sep).join("/")];
      if (!known) {
        throw new Error(`${path.relative(root, file)} builds a Kafka client or picks a topic per message: describe what `
          + "it does on Kafka in HAND_BUILT_CLIENTS (tests/k8s/sources.mjs), so that its KafkaUser's ACLs can be checked");
      }
      grants.push(...known(root));
    }
  }
  return grants;
}

/** The libs/ modules a module ships with: its io.autoflow dependencies not in test scope, and theirs. */
function deployedLibs(root, module, seen = new Set()) {
  const pom = fs.readFileSync(path.join(root, module, "pom.xml"), "utf8");
  const byArtifact = Object.fromEntries(fs.readdirSync(path.join(root, "libs")).filter((d) => fs.existsSync(path.join(root, "libs", d, "pom.xml")))
    .map((d) => [fs.readFileSync(path.join(root, "libs", d, "pom.xml"), "utf8").replace(/<parent>[\s\S]*?<\/parent>/, "")
      .match(/<artifactId>([^<]+)<\/artifactId>/)?.[1], `libs/${d}`]));
  for (const dep of pom.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const artifact = dep[1].match(/<groupId>io\.autoflow<\/groupId>\s*<artifactId>([^<]+)<\/artifactId>/)?.[1];
    const lib = artifact && byArtifact[artifact];
    if (!lib || /<scope>test<\/scope>/.test(dep[1]) || seen.has(lib)) continue;
    seen.add(lib);
    deployedLibs(root, lib, seen);
  }
  return seen;
}

/** The schemas the service migrates (quarkus.flyway.schemas). */
export function schemas(root, service) {
  return (properties(root, service)["quarkus.flyway.schemas"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/** Whether the service runs periodic work of its own (@Scheduled in src/main): it must never be scaled to zero. */
export function hasScheduledWork(root, service) {
  const dir = path.join(root, `${service}-service/src/main/java`);
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).some((e) => e.isDirectory()
    ? walk(path.join(d, e.name))
    : e.name.endsWith(".java") && /@Scheduled\b/.test(fs.readFileSync(path.join(d, e.name), "utf8")));
  return fs.existsSync(dir) && walk(dir);
}

/** The Grafana dashboards kept in k8s/base/monitoring/dashboards/, by file name, parsed. */
export function dashboards(root) {
  const dir = path.join(root, "k8s/base/monitoring/dashboards");
  return Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith(".json"))
    .map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))]));
}
