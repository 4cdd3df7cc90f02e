// Validates every object of a rendered manifest (YAML, on stdin) against its schema: Kubernetes' own
// for the core objects, and each operator's for its custom resources (kubernetes-models, generated from
// the published OpenAPI schemas and CRDs). RabbitmqCluster has no published package: it is checked
// against rabbitmq-cluster.schema.json, transcribed from the operator's CRD for the fields the platform
// uses, which refuses any other field. Prints one JSON line per object and exits 1 when any fails.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const packages = {
  "": "kubernetes-models",
  "apps": "kubernetes-models",
  "batch": "kubernetes-models",
  "policy": "kubernetes-models",
  "autoscaling": "kubernetes-models",
  "networking.k8s.io": "kubernetes-models",
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "keda.sh": "@kubernetes-models/keda",
  "external-secrets.io": "@kubernetes-models/external-secrets",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "opentelemetry.io": "@kubernetes-models/opentelemetry-operator",
};

const ajv = new Ajv({ allErrors: true, strict: true });
const rabbitmqCluster = ajv.compile(JSON.parse(readFileSync(new URL("./rabbitmq-cluster.schema.json", import.meta.url))));

async function validatorFor(apiVersion, kind) {
  if (apiVersion === "rabbitmq.com/v1beta1" && kind === "RabbitmqCluster") {
    return (object) => (rabbitmqCluster(object) ? [] : rabbitmqCluster.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`));
  }
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = packages[group];
  if (!pkg) return null;
  let Model;
  try {
    Model = (await import(`${pkg}/${group ? `${group}/` : ""}${version}/${kind}`))[kind];
  } catch {
    return null;
  }
  return (object) => {
    try {
      new Model(object).validate();
      return [];
    } catch (error) {
      return String(error.message).split(/\n|, (?=data)/).filter(Boolean);
    }
  };
}

const documents = parseAllDocuments(readFileSync(0, "utf8"));
let failed = 0;
for (const document of documents) {
  if (document.errors.length > 0) {
    failed++;
    console.log(JSON.stringify({ kind: null, name: null, errors: document.errors.map((e) => e.message) }));
    continue;
  }
  const object = document.toJS();
  if (object === null) continue;
  const { apiVersion, kind, metadata } = object;
  const validate = await validatorFor(apiVersion, kind);
  const errors = validate ? validate(object) : [`no schema is known for ${apiVersion} ${kind}`];
  if (errors.length > 0) failed++;
  console.log(JSON.stringify({ apiVersion, kind, name: metadata?.name ?? null, errors }));
}
process.exit(failed > 0 ? 1 : 0);
