// Reads the JSON Schema of the event union (from octopus.runtime.events) on stdin and
// prints its TypeScript types, so the web app never restates the Python models by hand.
import { compile } from "json-schema-to-typescript";

/** Property titles ("Run Id", "Ts") would each become a named alias; inline them instead. */
function dropPropertyTitles(schema) {
  for (const def of Object.values(schema.$defs ?? {})) {
    for (const property of Object.values(def.properties ?? {})) delete property.title;
  }
  return schema;
}

/** Pydantic marks `type` optional because it has a default, but every event carries it;
 * required, it lets TypeScript narrow the union on `event.type`. */
function requireDiscriminator(schema) {
  for (const def of Object.values(schema.$defs ?? {})) {
    if (def.properties?.type) def.required = [...new Set([...(def.required ?? []), "type"])];
  }
  return schema;
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const schema = requireDiscriminator(dropPropertyTitles(JSON.parse(input)));
const ts = await compile(schema, "OctopusEvent", {
  additionalProperties: false,
  bannerComment: "/* Generated from octopus.runtime.events by `npm run gen:types`. Do not edit. */",
});
process.stdout.write(ts);
