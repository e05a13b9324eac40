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

/** Topic names in libs/events Topics.java: its String constants, and the dead-letter topic of each main topic. */
export function eventTopics(root) {
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
  return [...new Set([...Object.values(constants), ...mainTopics.map((t) => t + suffix[2])])];
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
