// Expands an Adaptive Card template with the official adaptivecards-templating library, so the C#
// renderer can be cross-checked against it: node expand-card.mjs TEMPLATE.json DATA.json
import { readFileSync } from "node:fs";
import * as ACData from "adaptivecards-templating";

const [templatePath, dataPath] = process.argv.slice(2);
if (!templatePath || !dataPath) {
  console.error("usage: node expand-card.mjs TEMPLATE.json DATA.json");
  process.exit(2);
}
const template = new ACData.Template(JSON.parse(readFileSync(templatePath, "utf8")));
const card = template.expand({ $root: JSON.parse(readFileSync(dataPath, "utf8")) });
process.stdout.write(JSON.stringify(card));
