import { describe, expect, it } from "vitest";
import { detectUrgency } from "../../src/bot/urgency.ts";
import { HAZARD_ADVICE } from "../../src/features/tickets/texts.ts";
import { readTable, scoreUrgency, understand, type UrgencyRow } from "../../scripts/evaluation/tables.ts";

describe("red means a danger happening now", () => {
  it.each([
    ["5号楼电梯又坏了，困了一个老人在里面", "lift"],
    ["有个老人在小区里摔倒了 起不来", "medical"],
    ["7号楼楼道里有股很重的煤气味", "gas"],
    ["地下车库有电动车起火了！！快打119", "fire"],
    ["配电箱在进水 都是水", "waterElectric"],
    ["楼下有人拿刀在追人", "violence"],
    ["9号楼楼顶坐着一个人 在边上说要跳下去 快来人", "selfHarm"],
    ["我家孩子在小区里不见了 找了半小时", "child"],
    ["2栋地下室水管爆了，水哗哗的往外冒", "burstPipe"],
  ])("%s → %s", (text, hazard) => {
    expect(detectUrgency(text)?.hazard).toBe(hazard);
  });

  it.each([
    "楼道里堆满了杂物 一旦发生火灾后果不堪设想",
    "救命通道被车占了",
    "这部电梯去年困过人 希望更换",
    "他说要打人 我们很害怕",
    "燃气表换了以后读数不对",
    "建议在楼顶装护栏 防止有人坠落",
    "电梯经常困人 物业不管",
    "热死了 家里跟着火了一样🔥",
    "刷到个视频 有人在电梯里晕倒半天没人发现",
    "昨天走丢的那个小朋友找到了 谢谢大家",
  ])("is not red: %s", (text) => {
    expect(detectUrgency(text)).toBeNull();
  });

  it("files a red report as a safety matter and tells the resident what to do before anything else", () => {
    const got = understand("@议事助手 5号楼电梯又坏了，困了一个老人在里面");
    expect(got).toMatchObject({ kind: "report", report: { colour: "red", category: "safety", hazard: "lift" } });
  });

  it("has first advice for every hazard, naming the number to call", () => {
    for (const advice of Object.values(HAZARD_ADVICE)) expect(advice).toMatch(/119|120|110|96333|95598|总阀|电闸/);
    expect(HAZARD_ADVICE.lift).toContain("96333");
    expect(HAZARD_ADVICE.gas).toMatch(/开窗.*不要开关电/);
  });
});

describe("a plain emergency typed in bits is red", () => {
  // Rows in the words of no writer: the thirteenth round's misses said this way (楼顶 有人 要跳, 打架 见血了, 倒在… 不说话, 爆管 哗哗).
  it.each([
    ["天台 有个人 要跳 9栋 快来", "ledge"],
    ["小区门口 打架 好几个人 流血了", "violence"],
    ["围殴 北门外面 三个人打一个", "violence"],
    ["有个老人倒在健身器材边上 叫不醒", "medical"],
    ["爆管 地下室 水一直在冒", "burstPipe"],
  ])("%s → %s", (text, hazard) => {
    expect(detectUrgency(text)?.hazard).toBe(hazard);
    expect(understand(text)).toMatchObject({ kind: "report", report: { danger: "red" } });
  });

  it.each([
    "有人站楼顶要跳 该打110还是119",
    "小广场有人要跳广场舞 吵死了",
    "如果楼顶有人要跳怎么办",
    "倒垃圾的地方没人管 物业没反应",
    "上个月6栋爆管已经修好了 就是墙还湿",
  ])("and its twins are not: %s", (text) => {
    expect(understand(text)).not.toMatchObject({ kind: "report", report: { danger: "red" } });
  });
});

describe("the urgency tables", () => {
  // A–D: written by helpers who never saw the rules, then used to tune them: a regression guard.
  it.each(["urgency-a.json", "urgency-b.json", "urgency-c.json", "urgency-d.json"])("%s: every urgent row red, no calm row red", (name) => {
    const result = scoreUrgency(readTable<UrgencyRow>(name));
    expect(result.missed).toEqual([]);
    expect(result.falseAlarms).toEqual([]);
  });

  // E: never looked at while tuning; the floors sit under the measured figures (README).
  it("urgency-e.json (unseen): recall and false alarms stay above their floors", () => {
    const result = scoreUrgency(readTable<UrgencyRow>("urgency-e.json"));
    console.info(`unseen red recall ${(result.recall * 100).toFixed(1)}%, false red ${(result.falseRedRate * 100).toFixed(1)}%`);
    expect(result.recall).toBeGreaterThanOrEqual(0.7);
    expect(result.falseRedRate).toBeLessThanOrEqual(0.05);
  });
});

describe("a child gone, and the lift by its slips", () => {
  it.each(["老大 物业怎么还没回复我", "孩子没回消息 楼下的路灯坏了", "弟弟没回我消息 电梯又坏了", "孩子发烧了 物业没回电话"])(
    "%s is no missing child: 没回 a message is a reply not given",
    (text) => {
      expect(detectUrgency(text)).toBeNull();
    },
  );

  it("still reads a child not home and not found as red", () => {
    expect(detectUrgency("孩子放学一直没回来 到处找不到")).toMatchObject({ hazard: "child" });
  });

  it.each(["物业发了停电提醒 小区大门关着 车出不去", "充电提示灯一直闪 车库门关着 车出不去"])("%s is no lift: 停电提醒 and 充电提示 are not 电梯", (text) => {
    expect(detectUrgency(text)).toBeNull();
  });

  it("still reads the voice-input 电体 as the lift", () => {
    expect(detectUrgency("电体卡住了 里面有人")).toMatchObject({ hazard: "lift" });
  });
});
