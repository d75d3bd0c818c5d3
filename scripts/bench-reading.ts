/**
 * How long the bot takes to read a message (understandMessage: normalisation, rules and models), a letter,
 * and a department suggestion, and how long the models every message needs take to load, on the texts
 * `npm run evaluate` times: the chat tables and the test writers' lines, the 438 held-out letters, 300
 * TipDM test letters.
 *
 *   npm run bench:reading                                  # this tree
 *   npm run bench:reading -- --baseline /path/to/other/checkout --rounds 7
 *
 * With --baseline, the other checkout (another commit of this repository, its node_modules in place) is
 * measured in the same process, rounds alternating, so both see the same load on a shared machine. Model
 * load is timed in fresh processes, alternating too (wall and CPU time). Reported: medians of the rounds.
 */
import { spawnSync } from "node:child_process";
import { uptime } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    rounds: { type: "string", default: "5" },
    "load-only": { type: "string" },
  },
});

const here = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

interface Reader {
  understand: (text: string) => unknown;
  suggestDepartment: (text: string) => unknown;
}

async function readerOf(root: string): Promise<Reader> {
  const at = (file: string) => pathToFileURL(path.join(root, file)).href;
  const tables = (await import(at("scripts/evaluation/tables.ts"))) as { understand(text: string): unknown };
  const department = (await import(at("src/bot/department.ts"))) as { suggestDepartment(text: string): unknown };
  return { understand: (text) => tables.understand(text), suggestDepartment: (text) => department.suggestDepartment(text) };
}

/** In a fresh process: the time to read the five models every message needs, as the server does after listening. */
async function loadOnce(root: string): Promise<void> {
  const { loadModels, warmModels } = (await import(
    pathToFileURL(path.join(root, "src/bot/classifier/models.ts")).href
  )) as typeof import("../src/bot/classifier/models.ts");
  const cpu = process.cpuUsage();
  const started = performance.now();
  warmModels(loadModels());
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));
}

if (values["load-only"]) {
  await loadOnce(values["load-only"]);
} else {
  const { chatRows, estateRows, departmentExamples } = await import("./training/corpus.ts");
  const { chatSplit } = await import("./training/chatCorpus.ts");
  const chat = [...chatRows("labelled-messages.json"), ...chatRows("heldout-messages.json")]
    .map((row) => row.text)
    .concat(chatSplit().test.lines.map((line) => line.text));
  const letters = estateRows()
    .filter((row) => row.split === "test")
    .map((row) => row.text);
  const departments = departmentExamples()
    .test.slice(0, 300)
    .map((row) => row.text);

  const trees = [{ name: "this tree", root: here }, ...(values.baseline ? [{ name: "baseline", root: path.resolve(values.baseline) }] : [])];
  const readers = await Promise.all(trees.map(async (tree) => ({ ...tree, reader: await readerOf(tree.root) })));
  const rounds = Number(values.rounds);

  // Wall time, and CPU time of the process (which moves less when other work shares the machine).
  const msPer = (texts: string[], work: (text: string) => unknown) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const text of texts) work(text);
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - started) / texts.length, cpu: (used.user + used.system) / 1000 / texts.length };
  };
  type Times = { wall: number; cpu: number }[];
  const samples = new Map<string, { chat: Times; letter: Times; department: Times; loadWall: number[]; loadCpu: number[] }>();
  for (const { name } of readers) samples.set(name, { chat: [], letter: [], department: [], loadWall: [], loadCpu: [] });
  // A first pass each, not counted: loads the models and lets the JIT compile the reading.
  for (const { reader } of readers) {
    msPer(chat, reader.understand);
    msPer(letters.slice(0, 100), reader.understand);
    msPer(departments.slice(0, 50), reader.suggestDepartment);
  }
  for (let round = 0; round < rounds; round++) {
    for (const { name, root, reader } of round % 2 ? [...readers].reverse() : readers) {
      const sample = samples.get(name)!;
      sample.chat.push(msPer(chat, reader.understand));
      sample.letter.push(msPer(letters, reader.understand));
      sample.department.push(msPer(departments, reader.suggestDepartment));
      const child = spawnSync(process.execPath, ["--import", "tsx", path.join(here, "scripts/bench-reading.ts"), "--load-only", root], { encoding: "utf8" });
      const load = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { wallMs: number; cpuMs: number };
      sample.loadWall.push(load.wallMs);
      sample.loadCpu.push(load.cpuMs);
    }
  }
  const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  console.log(
    JSON.stringify(
      {
        texts: { chat: chat.length, letters: letters.length, departments: departments.length },
        rounds,
        loadAverageAtEnd: (await import("node:os")).loadavg().map((value) => Math.round(value * 100) / 100),
        uptimeS: Math.round(uptime()),
        ...Object.fromEntries(
          [...samples].map(([name, sample]) => [
            name,
            {
              msPerChatMessage: round3(median(sample.chat.map((time) => time.wall))),
              msPerLetter: round3(median(sample.letter.map((time) => time.wall))),
              msPerDepartment: round3(median(sample.department.map((time) => time.wall))),
              cpuMsPerChatMessage: round3(median(sample.chat.map((time) => time.cpu))),
              cpuMsPerLetter: round3(median(sample.letter.map((time) => time.cpu))),
              cpuMsPerDepartment: round3(median(sample.department.map((time) => time.cpu))),
              modelLoadMs: Math.round(median(sample.loadWall)),
              modelLoadCpuMs: Math.round(median(sample.loadCpu)),
            },
          ]),
        ),
      },
      null,
      2,
    ),
  );
}
