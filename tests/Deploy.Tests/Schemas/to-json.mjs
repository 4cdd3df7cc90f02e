// The objects of a YAML stream (stdin) as one JSON array (stdout), with YAML's own types kept.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const objects = parseAllDocuments(readFileSync(0, "utf8")).map((document) => document.toJS()).filter((object) => object !== null);
process.stdout.write(JSON.stringify(objects));
