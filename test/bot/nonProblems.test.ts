import { describe, expect, it } from "vitest";
import { understand } from "../../scripts/evaluation/tables.ts";

// Written for issue 17 (not the issue's own sentences): what is not a problem is never a report.
describe("what is not a problem is never read as a report", () => {
  it.each([
    ["@议事助手 你是真人还是AI", "bot"],
    ["@议事助手 你能帮我做什么", "bot"],
    ["@议事助手 这个月的议事会啥时候开 在哪个会议室", "meeting"],
    ["@议事助手 下次开会是哪天", "meeting"],
    ["@议事助手 物业的电话是多少", "contact"],
    ["@议事助手 网格员手机号给我一下", "contact"],
  ])("%s → a question about %s", (text, topic) => {
    expect(understand(text)).toEqual({ kind: "question", topic });
  });

  it.each(["@议事助手 qwerty 456", "@议事助手 ...... ???", "@议事助手 zzz"])("%s → gibberish, a hint", (text) => {
    expect(understand(text)).toEqual({ kind: "unclear", gibberish: true });
  });

  it("names no problem → a short hint, not a ticket (nor the whole help text)", () => {
    expect(understand("@议事助手 今天人真多")).toEqual({ kind: "unclear", gibberish: false });
  });

  it("a letter that mentions a meeting or a phone number on its way to a complaint is still a report", () => {
    const letter =
      "尊敬的领导：我们是5号楼的业主，去年业主大会什么时候开的谁也不知道，物业电话是多少也从没公布过，现在楼顶防水层老化，一下雨顶楼就渗水，请督促物业尽快维修。";
    expect(understand(letter).kind).toBe("report");
    expect(understand("@议事助手 上周六下午3点在活动室开了协调会，说好的修路灯到现在也没人来修").kind).toBe("report");
  });

  it("a question that names a danger is still a report", () => {
    expect(understand("@议事助手 物业电话多少 3栋电梯里困着人")).toMatchObject({ kind: "report", report: { hazard: "lift" } });
  });

  it("a meeting announced in words is read with its own time, place and subject", () => {
    expect(understand("@议事助手 本周六上午9点在3号楼架空层召开议事会，讨论楼道堆物清理")).toEqual({
      kind: "meetingAnnouncement",
      meeting: { time: "本周六上午9点", place: "3号楼架空层", subject: "楼道堆物清理" },
    });
  });

  it("asking when someone comes about one's own repair is a follow-up", () => {
    expect(understand("@议事助手 我的报修啥时候能来人看")).toMatchObject({ kind: "followUp", refersToOwnMatter: true });
    expect(understand("@议事助手 我那个单子什么时候派人来修")).toMatchObject({ kind: "followUp" });
  });

  it.each(["@议事助手 催一下 9号楼后面的排水沟", "@议事助手 第三次催了 2单元门口的井盖", "@议事助手 那个垃圾桶的事 我都报了三回了"])(
    "%s → chasing a matter: a follow-up that carries its report (filed when nothing is open)",
    (text) => {
      expect(understand(text)).toMatchObject({ kind: "followUp", refersToOwnMatter: true, report: { content: expect.any(String) } });
    },
  );

  it.each([
    "报修 5号楼3单元门禁刷了不开",
    "报修 12栋楼道灯不亮",
    "投诉 3号楼楼下烧烤店油烟太大",
    "反映 7号楼门口井盖松了",
    "求助 2单元302家里水管漏水",
    "建议 1号楼门口加装路灯",
  ])("%s → a report, never a mistyped command", (text) => {
    expect(understand(text).kind).toBe("report");
  });

  it("a place number after a word one character from a command is not read as a ticket number", () => {
    expect(understand("@议事助手 附近 15号楼在施工 晚上一直响")).toMatchObject({ kind: "report" });
    expect(understand("@议事助手 受伤 23号楼门口有人摔倒了")).toMatchObject({ kind: "report", report: { hazard: "medical" } });
    expect(understand("进渡 44")).toEqual({ kind: "suggestion", command: "进度 44" });
  });

  it.each([
    ["@议事助手 刚才走丢的那个小朋友找到了 人没事 大家放心", "unclear"],
    ["@议事助手 听说隔壁街有人被骗了 大家出门小心点", "unclear"],
    ["@议事助手 昨晚8栋冒烟那个已经扑灭了 人没事 谢谢大家", "thanks"],
  ])("%s → an account of something over or elsewhere that asks nothing: not filed", (text, kind) => {
    expect(understand(text).kind).toBe(kind);
  });

  it.each(["@议事助手 大家小心，小区门口井盖没了", "@议事助手 大家注意 5栋电梯今天老是急停", "@议事助手 大家别从东门走了 地面塌了个坑"])(
    "%s → a warning to the group about something wrong now: a report",
    (text) => {
      expect(understand(text).kind).toBe("report");
    },
  );

  it.each([
    ["@议事助手 早上听邻居说的，3号楼有人被困电梯了吗？", "lift"],
    ["@议事助手 刚才保安说的 地库有股煤气味 是不是漏气了？", "gas"],
  ])("%s → someone else's words passed on are not the sender's earlier matter", (text, hazard) => {
    const read = understand(text);
    expect(read.kind).toBe("report");
    expect(read).toMatchObject({ report: { hazard } });
  });

  it.each(["@议事助手 早上丢的那只猫找到了 但是车库门一直开着没人管 得修修", "@议事助手 看新闻说外地楼道电动车起火了 咱们楼道里也停了好几辆"])(
    "%s → over or from elsewhere, but asking for something: a report",
    (text) => {
      expect(understand(text).kind).toBe("report");
    },
  );

  it.each(["@议事助手 上礼拜说的那个单元门的闭门器 到现在还是坏的", "@议事助手 前天报的垃圾房那事 后来咋样了"])(
    "%s → pointing at an earlier matter that is not done: a follow-up that carries its report",
    (text) => {
      expect(understand(text)).toMatchObject({ kind: "followUp", refersToOwnMatter: true, report: { content: expect.any(String) } });
    },
  );

  it.each([
    ["@议事助手 业主大会租户能参加吗", "meeting"],
    ["@议事助手 下周那个协调会要不要报名", "meeting"],
    ["@议事助手 开锁公司一般打哪个电话", "contact"],
    ["@议事助手 你现在能接收报修吗", "bot"],
  ])("%s → a question about %s", (text, topic) => {
    expect(understand(text)).toEqual({ kind: "question", topic });
  });

  it("a line that names a fault is never a greeting, whatever the model says", () => {
    expect(understand("@议事助手 楼下水管漏了！！有人吗").kind).toBe("report");
  });

  it.each(["@议事助手 3q", "@议事助手 谢啦~", "@议事助手 thx", "@议事助手 谢了 师傅"])("%s → thanks", (text) => {
    expect(understand(text)).toEqual({ kind: "thanks" });
  });

  it.each(["@议事助手 亲 在么", "@议事助手 亲在吗？", "@议事助手 在嘛", "@议事助手 哈喽 在不"])("%s → greeting", (text) => {
    expect(understand(text)).toEqual({ kind: "greeting" });
  });
  // Seventh round: written for these tests, not taken from the corpus.
  it.each(["@议事助手 刚才南门吵架那两个已经被保安劝走了 没人受伤 大家放心", "@议事助手 刚才天台上那个小伙子已经被民警劝下来了 大家散了吧"])(
    "%s → an account of something over that puts the group at ease: not filed",
    (text) => {
      expect(understand(text).kind).not.toBe("report");
    },
  );

  it("an account over that goes on to something wrong now is still a report", () => {
    expect(understand("@议事助手 上周8栋楼道电动车充电冒烟 好在人没事 大家放心 现在又有人推进去充了").kind).toBe("report");
  });

  it.each([
    "@议事助手 1.明天上午9:00-12:00 6栋二次供水水箱清洗 2.期间6栋停水 请提前储水",
    "@议事助手 今日下午2点开始 地库和绿化带消杀 有宠物的请看好",
    "@议事助手 1.今天消防泵房 配电房巡检完毕 2.设备均运行正常",
  ])("%s → staff telling of planned works or an all-clear: not filed", (text) => {
    expect(understand(text)).toEqual({ kind: "unclear", gibberish: false });
  });

  it.each(["@议事助手 说好上午9点到12点停水 现在下午3点了还没来水", "@议事助手 建议停水施工安排在白天 晚上8点到10点别停"])(
    "%s → works late or a request about them: still a report",
    (text) => {
      expect(understand(text).kind).not.toBe("unclear");
    },
  );
  it.each(["@议事助手 物业值班电话打了一晚上都没人接 有急事根本找不到人", "@议事助手 有人冒充物业打电话让老人交燃气费 大家小心"])(
    "%s → a phone that does not answer, or a scam's: a complaint, filed",
    (text) => {
      expect(understand(text).kind).toBe("report");
    },
  );

  it("a phone that does not answer, asking for another number, is a question about a contact", () => {
    expect(understand("@议事助手 物业前台电话老打不通 有没有别的号码")).toEqual({ kind: "question", topic: "contact" });
  });
  it.each([
    "@议事助手 在南门长椅上捡到一个黑色钱包 已经放保安亭了",
    "@议事助手 谁的外卖放错了 一份麻辣烫在4号楼门口",
    "@议事助手 东门水果店满百减二十 有人拼单吗",
  ])("%s → a neighbour's one-off errand: not filed", (text) => {
    expect(understand(text)).toEqual({ kind: "unclear", gibberish: false });
  });

  it("a parcel misdelivered again and again, for want of a sign, is a report", () => {
    expect(understand("@议事助手 楼号牌子看不清 快递老送错到隔壁楼").kind).toBe("report");
  });
});

// Eighth round (issue 17 item 4): written for the rules, not taken from the corpus.
describe("what is not a problem is never filed: the report word as a noun, news, asking for a number", () => {
  it.each(["@议事助手 报修单怎么一直显示待派单", "@议事助手 报修的师傅来看过了 说明天带配件来", "反映的那个路灯 修好了没"])(
    "%s → the report word names a report: read for its meaning, not filed",
    (text) => {
      expect(understand(text).kind).not.toBe("report");
    },
  );

  it("a report word followed by the matter is still a report", () => {
    expect(understand("报修 9号楼单元门禁按了没反应").kind).toBe("report");
    expect(understand("反映一下 6栋门口路灯不亮").kind).toBe("report");
  });

  it("news of elsewhere told as a warning is chat; turned to the estate's own things it is a report", () => {
    expect(understand("@议事助手 看新闻说外地有个小区楼道里电瓶车充电起火 大家千万别推车上楼")).toEqual({ kind: "unclear", gibberish: false });
    expect(understand("@议事助手 看新闻说外地有个小区楼道里电瓶车充电起火 咱们楼道也天天有人推车上楼充电").kind).toBe("report");
  });

  it.each([
    ["@议事助手 万一有人被关在电梯里 应该先打物业还是打119", "contact"],
    ["@议事助手 请问物业收费处的电话", "contact"],
    ["@议事助手 请问停车说明会几点开始", "meeting"],
  ])("%s → a question (its asking words are not a fault)", (text, topic) => {
    expect(understand(text)).toEqual({ kind: "question", topic });
  });

  it("asking for a number while naming a fault is still a report", () => {
    expect(understand("@议事助手 请问物业电话多少 我家厨房水管漏水了").kind).toBe("report");
  });

  it.each(["@议事助手 补充一下刚才那条 是东边那部电梯", "@议事助手 刚才那条撤回 我看错楼号了"])(
    "%s → adds to one's own earlier message: a follow-up",
    (text) => {
      expect(understand(text)).toMatchObject({ kind: "followUp", refersToOwnMatter: true });
    },
  );

  it("a greeting that announces a question is a greeting; one that goes on to a fault is a report", () => {
    expect(understand("@议事助手 请问有人在吗 有个事想问一下")).toEqual({ kind: "greeting" });
    expect(understand("@议事助手 请问有人在吗 我家厨房漏水了").kind).toBe("report");
  });

  it.each(["@议事助手 进度查询 5栋802 楼道灯", "@议事助手 any update on 地库漏水的事", "@议事助手 我那个报修单可以取消了 自己修好了"])(
    "%s → asks after or closes one's own matter: a follow-up",
    (text) => {
      expect(understand(text)).toMatchObject({ kind: "followUp", refersToOwnMatter: true });
    },
  );
});
