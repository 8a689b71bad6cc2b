import { parsePlan } from "./src/index.ts";
const t = process.argv[2] ?? "";
const r = parsePlan(t.replace(/\\n/g, "\n").replace(/\\t/g, "\t"));
console.log(JSON.stringify({ tables: r.indicatorTables, nodes: r.nodes.map((n) => n.code + " " + n.title), w: r.warnings.map(w=>w.code+"@"+w.line+" "+w.message.slice(0,60)), title: r.title, preface: r.preface }, null, 1));
