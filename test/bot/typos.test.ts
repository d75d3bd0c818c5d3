import { describe, expect, it } from "vitest";
import { soundsAlike, suggestTypo } from "../../src/bot/typos.ts";

// The hand-written table the pinyin rule replaced: each command word's character, and the characters a pinyin
// keyboard put in its place. Every pair must still read as a sound-alike.
const FORMER_TABLE: Record<string, string> = {
  受: "授售收守兽寿瘦首手",
  理: "里礼李力利离立例厉",
  派: "排拍牌湃",
  单: "丹担但蛋弹旦胆",
  办: "半伴班版扮拌般板",
  结: "洁接节姐解借界杰捷街",
  驳: "博拨波剥播泊薄伯",
  回: "会汇灰挥毁惠慧",
  撤: "彻扯车澈",
  销: "消小晓肖效校",
  评: "平凭瓶苹坪屏",
  价: "家加假架嫁佳驾甲",
  进: "近金今尽紧劲禁",
  度: "渡都读毒杜肚独",
  升: "生声胜省身深",
  级: "及极集急即几吉记",
  附: "付副复负父服福富",
  议: "意义以一易亿异已",
  同: "通童铜桶",
  问: "文闻稳吻",
  拆: "差柴猜",
  分: "份粉纷奋",
  改: "该盖概",
  类: "累雷泪垒",
  色: "涩瑟塞",
  上: "尚伤商赏",
  会: "回汇惠绘",
  查: "茶差插察",
  询: "寻训讯循",
  展: "站占战沾",
  指: "只纸止直",
  交: "教叫较焦",
  报: "抱包保宝",
};

describe("sound-alike characters, read from their pinyin", () => {
  it("cover every pair of the former hand-written table", () => {
    const pairs = Object.entries(FORMER_TABLE).flatMap(([meant, typed]) => [...typed].map((character) => [character, meant] as const));
    expect(pairs.length).toBe(187);
    expect(pairs.filter(([typed, meant]) => !soundsAlike(typed, meant))).toEqual([]);
  });

  it("take a near initial or a near final as alike, but not both, and not a different syllable", () => {
    expect(soundsAlike("四", "是")).toBe(true); // si / shi
    expect(soundsAlike("兰", "南")).toBe(true); // lan / nan
    expect(soundsAlike("深", "升")).toBe(true); // shen / sheng
    expect(soundsAlike("三", "商")).toBe(false); // san / shang: initial and final both
    expect(soundsAlike("派", "受")).toBe(false);
    expect(soundsAlike("a", "受")).toBe(false);
  });

  it("suggest a command whose word the typed one sounds like, with the user's own arguments", () => {
    const words = ["受理", "派单", "办结", "撤回", "驳回"];
    // One character off both 撤回 and 驳回: the sound decides.
    expect(suggestTypo("博回 9 不属于物业范围", words)).toBe("驳回 9 不属于物业范围");
    expect(suggestTypo("瘦理 2", words)).toBe("受理 2");
    expect(suggestTypo("派丹 2 物业", words)).toBe("派单 2 物业");
    expect(suggestTypo("办理 2", words)).toBeNull();
    expect(suggestTypo("受理 2", words)).toBeNull();
  });
});
