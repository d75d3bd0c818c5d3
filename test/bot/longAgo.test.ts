import { describe, expect, it } from "vitest";
import { complainsOfAPhone, isAccountWithNothingAsked, isStoryOfLongAgo } from "../../src/bot/intents.ts";

describe("a story of long ago", () => {
  it.each([
    "去年冬天俺们楼下那家燃气泄漏 消防都来了 想起来还后怕",
    "前几年冬天2幢有家人烧炭差点中毒 后来救过来了 大家当心啊",
    "上年有个细路喺小区走失过 揾咗两个钟 后来喺地库揾返",
  ])("%s → group chat", (text) => {
    expect(isStoryOfLongAgo(text)).toBe(true);
  });

  it.each([
    "去年那次爆水管把地库淹了 物业讲要换管 到现再都冇换",
    "去年冬天水管冻裂淹了一楼的事 今年有没有提前包保温呀",
    "前年八号楼有户人家热水器装在卫生间里中过毒 救回来了 阿拉楼里还有好几户这样装的",
    "去年暑假小区有个细崽走丢 找了两个钟头 后来监控是坏的",
    "昨天5栋电梯困人 后来师傅来了",
  ])("%s → not a story of long ago (it asks, tells of now, or is recent)", (text) => {
    expect(isStoryOfLongAgo(text)).toBe(false);
  });
});

describe("something over, in dialect", () => {
  it.each(["头先4栋阳台外面个侬 消防救落来了 侬无事", "早上三号楼电梯关到的那个伢儿已经放出来了 冇得事", "琴晚坐喺天台嗰个后生仔 警察同社工已经劝咗落嚟 冇事"])(
    "%s → an account that asks nothing",
    (text) => {
      expect(isAccountWithNothingAsked(text)).toBe(true);
    },
  );

  it("is not when it still asks for something", () => {
    expect(isAccountWithNothingAsked("刚才困电梯的人出来了 冇事 但系电梯要修")).toBe(false);
  });
});

describe("a number that no longer answers, asked for again", () => {
  it.each(["物业电话打不通 换号了吗", "物业前台的电话打不通是不是换号码了", "有冇物业客服的微信 电话打不通", "电梯公司的电话有没得 物业的打不通"])(
    "%s → a question for a number, not a complaint",
    (text) => {
      expect(complainsOfAPhone(text)).toBe(false);
    },
  );

  it("is still a complaint when nothing is asked", () => {
    expect(complainsOfAPhone("物业电话打了十几遍没人接")).toBe(true);
  });
});
