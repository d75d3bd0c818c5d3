/**
 * Picks the estate-like messages of the unlabelled TipDM file for hand labelling, in a fixed random order,
 * and writes them in batches a labeller can read (id, title, the first 240 characters of the letter).
 *
 *   npx tsx scripts/training/select-estate-candidates.ts ../shared/data/tipdm2020-messages-unlabelled.tsv out/ 6 350
 *
 * "Estate-like" is a deliberately loose filter: the labeller decides whether a message is an estate matter.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ESTATE_WORDS =
  /小区|物业|业主|住户|居民楼|楼道|单元|电梯|停车|车位|噪音|扰民|充电|违建|违章搭建|开发商|垃圾|油烟|漏水|供水|停水|停电|供暖|暖气|燃气|消防|绿化|广场舞|装修|邻居|楼下|楼上|房产证|交房|物管|业委会|门禁|下水道|化粪池|住改商|餐馆|饭店|烧烤|宠物|狗/;

/** A small deterministic generator, so the same file always gives the same order. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const [input, outDir, batchesArg = "6", sizeArg = "350"] = process.argv.slice(2);
if (!input || !outDir) throw new Error("usage: select-estate-candidates <unlabelled.tsv> <outDir> [batches] [size]");
const rows = readFileSync(input, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split("\t"));
const estate = rows.filter(([, , title = "", detail = ""]) => ESTATE_WORDS.test(title + detail));
const random = mulberry32(20261123);
for (let i = estate.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [estate[i], estate[j]] = [estate[j]!, estate[i]!];
}
mkdirSync(outDir, { recursive: true });
const batches = Number(batchesArg);
const size = Number(sizeArg);
for (let b = 0; b < batches; b++) {
  const slice = estate.slice(b * size, (b + 1) * size);
  const lines = slice.map(([source, id, title, detail = ""]) => [`${source}:${id}`, title, detail.slice(0, 240)].join("\t"));
  writeFileSync(join(outDir, `batch-${b + 1}.tsv`), `key\ttitle\tdetail_start\n${lines.join("\n")}\n`);
}
console.log(JSON.stringify({ messages: rows.length, estateLike: estate.length, written: Math.min(estate.length, batches * size) }));
