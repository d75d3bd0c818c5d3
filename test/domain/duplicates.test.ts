import { describe, expect, it } from "vitest";
import { differentMatters, duplicateScore, findDuplicate } from "../../src/domain/duplicates.ts";
import { matchingText, surelyBuilding } from "../../src/domain/matchingText.ts";

const now = new Date("2026-11-23T02:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const open = [
  { number: 1, category: "repair", building: "3", text: "@议事助手 3号楼电梯又坏了，老人下不了楼", createdAt: daysAgo(1) },
  { number: 2, category: "sanitation", building: null, text: "东门垃圾堆了三天没人清运", createdAt: daysAgo(2) },
  { number: 3, category: "repair", building: "5", text: "5号楼电梯坏了", createdAt: daysAgo(8) },
];

describe("duplicate reports (附议)", () => {
  it("matches the same category and building with similar wording", () => {
    expect(findDuplicate({ category: "repair", building: "3", content: "3号楼的电梯坏了，出不去" }, open, now)?.number).toBe(1);
  });

  it("does not match another building", () => {
    expect(findDuplicate({ category: "repair", building: "4", content: "4号楼电梯坏了" }, open, now)).toBeUndefined();
  });

  it("does not match another category in the same building", () => {
    expect(findDuplicate({ category: "noise", building: "3", content: "3号楼电梯间太吵" }, open, now)).toBeUndefined();
  });

  it("does not match tickets older than seven days", () => {
    expect(findDuplicate({ category: "repair", building: "5", content: "5号楼电梯坏了" }, open, now)).toBeUndefined();
  });

  it("does not match unrelated wording in the same building", () => {
    expect(findDuplicate({ category: "repair", building: "3", content: "3号楼2单元门禁刷不开" }, open, now)).toBeUndefined();
  });

  it("reads a ticket's words further only when place and things could make it the same matter", () => {
    const read: number[] = [];
    const readCandidate = (ticket: (typeof open)[number]) => {
      read.push(ticket.number);
      return ticket;
    };
    expect(findDuplicate({ category: "repair", building: "3", content: "3号楼的电梯坏了，出不去" }, open, now, readCandidate)?.number).toBe(1);
    // 2 names no lift (another thing), 3 is older than the window: neither is read.
    expect(read).toEqual([1]);
  });

  it("asks for closer wording when neither names a building", () => {
    expect(findDuplicate({ category: "sanitation", building: null, content: "东门那边垃圾好几天没清运了" }, open, now)?.number).toBe(2);
    expect(findDuplicate({ category: "sanitation", building: null, content: "绿化带里有死老鼠" }, open, now)).toBeUndefined();
  });

  const ticket = (text: string, building: string | null = "4") => ({ number: 9, category: "repair", building, text, createdAt: daysAgo(1) });
  const report = (content: string, building: string | null = "4") => ({ category: "repair", building, content });

  it.each([
    ["4栋1单元门禁刷卡打不开", "4栋1单元门禁坏了 门关不上 谁都能进"],
    ["4栋水压太低 洗澡跟滴水一样", "4栋停水了 一滴水都没有"],
    ["4栋电梯又坏了 停了不走", "4栋电梯按钮不好使 按八楼停七楼"],
    ["4栋充电桩坏了 充不进去", "4栋充电桩收费太贵 一块五一度"],
    ["4栋门口垃圾桶满了没人清", "4栋门口垃圾桶盖子坏了合不上"],
    ["4号楼楼道灯不亮", "4号楼前面的路灯不亮"],
    ["4号楼楼道灯不亮", "4号楼电梯轿厢里的灯不亮"],
    ["4号楼外墙墙皮掉了一大片", "4号楼2单元楼道里墙皮脱落"],
    ["4号楼房产证交房五年还没办", "4号楼车位产权证买了三年办不下来"],
    ["4号楼物业费涨了不通知", "4号楼物业费的发票一个月了开不出来"],
    ["4号楼东门道闸抬不起来", "4号楼东门道闸认不出我的车牌 每次要保安开"],
  ])("tells apart two faults of one thing: %s ｜ %s", (first, second) => {
    expect(findDuplicate(report(second), [ticket(first)], now)).toBeUndefined();
  });

  it("tells apart two things of one playground", () => {
    expect(findDuplicate(report("游乐场秋千链子断了一根", null), [ticket("游乐场滑梯裂了个口子", null)], now)).toBeUndefined();
  });

  it.each([
    ["4栋2单元电梯又坏了 停在8楼一动不动", "2单元那部电梯卡8楼了 按啥都没反应 4栋的 快来修"],
    ["4栋1单元门禁刷卡没反应", "4栋一单元的门卡刷不开门了 刷十几次都不行"],
    ["4号楼门口垃圾桶满得溢出来了 苍蝇乱飞", "4号楼楼下那几个垃圾桶都堆冒了 臭死了"],
  ])("joins one fault told in other words: %s ｜ %s", (first, second) => {
    expect(findDuplicate(report(second), [ticket(first)], now)?.number).toBe(9);
  });

  it("reads a garage's zone however the garage is called", () => {
    const garage = { ...ticket("地库B区的灯一半都不亮", null), spot: "地库B区" };
    expect(findDuplicate({ ...report("B区车库黑乎乎的 好多灯坏了 找车都找不着", null), zone: "B区", spot: "车库" }, [garage], now)?.number).toBe(9);
  });

  it("reads traditional characters and spaced words as the plain line", () => {
    expect(matchingText("2號樓 電梯 壞了")).toBe("2号楼电梯坏了");
    expect(matchingText("3 号楼 B 区")).toBe("3 号楼 B 区");
    expect(differentMatters(report("三棟電梯壞了 停在八樓不動", "3"), ticket("3号楼电梯坏了 卡在8楼", "3"))).toBe(false);
  });

  it("takes a bare N楼 for a building only when the text also says it as one", () => {
    expect(surelyBuilding("电梯按8楼停到6楼，16幢", "8")).toBeNull();
    expect(surelyBuilding("负一楼车库灯坏了", "1")).toBeNull();
    expect(surelyBuilding("三栋二单元电梯坏了", "3")).toBe("3");
    expect(surelyBuilding("3-2-301厨房漏水", "3")).toBe("3");
    expect(differentMatters(report("十六号楼电梯老是停错楼层 按的8楼开门是6楼", "16"), ticket("电梯按8楼停到6楼，16幢", "8"))).toBe(false);
    // Two buildings said as buildings still part.
    expect(differentMatters(report("5号楼电梯坏了", "5"), ticket("3栋电梯坏了", "3"))).toBe(true);
  });

  it("takes a zone's garage named on one side for that zone, and a gate named on one side still parts", () => {
    expect(
      differentMatters({ ...report("我的车位B区112又被人停了 白车", null), zone: "B区" }, { ...ticket("地库B区112车位被一辆白车占了", null), spot: "地库B区" }),
    ).toBe(false);
    expect(differentMatters({ ...report("B区路灯不亮", null), zone: "B区" }, { ...ticket("B区东门路灯不亮", null), zone: "B区", spot: "东门" })).toBe(true);
  });

  it.each([
    ["门禁刷卡打不开", "门禁坏了门关不上"],
    ["水压太低 水龙头挤牙膏一样", "停水了 一滴都没有"],
    ["滑梯裂了个口子", "秋千的链子断了"],
    ["车位被白车占了", "电梯停在8楼不动"],
  ])("keeps two faults apart: %s ｜ %s", (first, second) => {
    expect(findDuplicate(report(second), [ticket(first)], now)).toBeUndefined();
  });

  it("is less sure two reports are one matter when only one tells a danger happening now", () => {
    // Stuck (卡住) may have someone in it: the rules leave the two to the model.
    const broken = { ...ticket("12号楼电梯卡住了 不动", "12"), category: "safety" };
    const trapped = { ...report("12号楼电梯困人了 里面有人出不来", "12"), category: "safety", danger: "red" as const };
    const whenBothRed = duplicateScore(trapped, { ...broken, danger: "red" });
    expect(duplicateScore(trapped, { ...broken, danger: null })).toBeLessThan(whenBothRed);
    // A second resident telling the same trapped person still joins.
    const sameTrapped = { ...ticket("7号楼电梯困人了 有人在里面拍门", "7"), category: "safety", danger: "red" as const };
    expect(findDuplicate({ ...trapped, building: "7", content: "7号楼电梯里关着人呢 快来人啊" }, [sameTrapped], now)?.number).toBe(9);
  });

  it("is less sure when the two say different things are wrong with one thing", () => {
    const broken = ticket("东门充电桩全坏了", null);
    expect(duplicateScore(report("东门充电桩被油车占了", null), broken)).toBeLessThan(duplicateScore(report("东门的充电桩全都坏了", null), broken));
  });

  it("joins water from the flat above told by the flat below and by the flat above it", () => {
    const below = { ...ticket("楼上漏水到我家卫生间 4栋502"), room: "502" };
    expect(differentMatters({ ...report("4栋602的水 渗到我502卫生间天花板"), room: "602" }, below)).toBe(false);
    // Two kitchens on two floors, nothing coming down: two matters.
    expect(differentMatters({ ...report("7号楼501厨房下水道堵了", "7"), room: "501" }, { ...ticket("7号楼401厨房下水道堵了", "7"), room: "401" })).toBe(true);
  });

  it("parts two parking spaces, a building said after a floor, and laundry's drip from a leak", () => {
    expect(differentMatters(report("我的车位被人占了 Ｂ区０１２号", null), ticket("我的车位被人占了 Ｂ区０４５号", null))).toBe(true);
    expect(differentMatters(report("地下车库B112是阿拉租额车位 又被停了", null), ticket("车位号B-112又被人占了", null))).toBe(false);
    expect(differentMatters(report("有人由五楼拉条拖板落嚟叉电动车 2座", "5"), ticket("有人由五楼拉条拖板落嚟叉电动车 7座", "5"))).toBe(true);
    expect(differentMatters(report("楼上晾衣服滴水滴到我家衣服上", null), ticket("楼上漏水渗到我家天花板", null))).toBe(true);
  });

  it("parts a barrier stuck down from one stuck up, a card that does not open a door from a door that does not close", () => {
    expect(differentMatters(report("东门道闸抬不起来 车进不来", null), ticket("东门道闸一直抬起来 放不下 外面车都进来", null))).toBe(true);
    expect(differentMatters(report("小区门口道闸一直竖起 外面的车随便进", null), ticket("小区门口道闸坏了 一直抬着", null))).toBe(false);
    expect(differentMatters(report("4号楼门禁刷卡不开", "4"), ticket("4号楼单元门锁坏了关不上 谁都能进", "4"))).toBe(true);
  });

  it("parts a broken thing from the same thing costing too much, taken or too few, and paid for with nothing given", () => {
    expect(differentMatters(report("车棚充电桩太贵了 一块钱才充俩钟头", null), ticket("车棚那一排充电桩十个坏了六个", null))).toBe(true);
    expect(differentMatters(report("东门充电桩被油车占了", null), ticket("东门充电桩全坏了", null))).toBe(true);
    expect(differentMatters(report("五栋充电桩扣了钱冇充进去电", "5"), ticket("五栋充电桩扫码没反应", "5"))).toBe(true);
    expect(differentMatters(report("东门充电桩坏了 扫码没反应", null), ticket("东门充电桩全坏了", null))).toBe(false);
  });

  it("parts noise from different sources and charging done in different ways", () => {
    expect(differentMatters(report("楼上小孩天天跑跳 吵死了", null), ticket("楼上天天半夜拖椅子 咯吱咯吱", null))).toBe(true);
    expect(differentMatters(report("楼上装修电钻太吵", null), ticket("楼上装修从早吵到晚", null))).toBe(false);
    expect(differentMatters(report("9号楼有人把电动车推进电梯带回家充电", "9"), ticket("9号楼3楼有人从窗户扯电线下来充电动车 飞线", "9"))).toBe(true);
    // A side that tells both (a bike in the stairwell on a lead from a window) may be either.
    expect(differentMatters(report("4号楼楼道里有人给电动车充电 线从窗户拉下来的", "4"), ticket("4号楼二楼那户又从窗户扯线下来充电瓶车了", "4"))).toBe(false);
  });

  it("joins a lamp out in the open with the street light there, and clutter piled up with the way it blocks", () => {
    expect(differentMatters(report("晚上小广场黑乎乎的 那几根灯都不亮", null), ticket("小广场路灯坏了好几盏", null))).toBe(false);
    expect(differentMatters(report("3号楼楼道灯不亮", "3"), ticket("3号楼路灯坏了", "3"))).toBe(true);
    expect(differentMatters(report("3号楼一楼楼梯口全是纸壳子 过不去人", "3"), ticket("3栋楼道堆满纸箱", "3"))).toBe(false);
    expect(differentMatters(report("4号楼前面消防通道停满车了", "4"), ticket("四号楼门前消防车道被私家车占满", "4"))).toBe(false);
  });

  it("parts a flat's title deed from a parking space's and from a late handover", () => {
    expect(differentMatters(report("俺家车位买了五年产权证不给办", null), ticket("开发商拖了三年房产证办不下来", null))).toBe(true);
    expect(differentMatters(report("开发商逾期交房一年 违约金不赔", null), ticket("开发商交房三年房产证没办", null))).toBe(true);
  });

  it("parts a shop's fumes from the same shop's tables in the way", () => {
    expect(differentMatters(report("楼下那家烧烤店把桌子摆到人行道上", null), ticket("楼下那家烧烤店油烟冲上来", null))).toBe(true);
    expect(differentMatters(report("底商那家烧烤店把炉子支到人行道上，油烟呛人", null), ticket("楼下烧烤摊油烟太大，二楼窗户都不敢开", null))).toBe(false);
  });

  it("parts a car left for months from a car parked in one's own space", () => {
    expect(differentMatters(report("地下车库B区我的车位被人占了", null), ticket("地下车库B区僵尸车 两年没动", null))).toBe(true);
    expect(differentMatters(report("车库B区那辆落满灰的车一年没动过了 占个车位", null), ticket("地库B区有辆僵尸车 胎都瘪了", null))).toBe(false);
  });

  it("parts a flat's own sounds and a shop's trade from other noise, and one side's noise named by its source alone", () => {
    expect(differentMatters(report("楼上半夜冲马桶 哗哗响 吵得睡不着", null), ticket("楼上半夜拍篮球 咚咚的", null))).toBe(true);
    expect(differentMatters(report("楼上天天弹钢琴到十一点", null), ticket("楼上半夜拖椅子吵", null))).toBe(true);
    expect(differentMatters(report("东门那家网吧门口通宵吵闹", null), ticket("东门麻将馆半夜还在吵", null))).toBe(true);
    expect(differentMatters(report("花园有人唱K唱到十二点", null), ticket("广场舞音响太吵", null))).toBe(true);
    expect(differentMatters(report("楼上娃娃天天晚上在屋里拍球 吵死", null), ticket("楼上半夜拍篮球咚咚咚的", null))).toBe(false);
  });

  it("parts a shop's fumes from its noise", () => {
    expect(differentMatters(report("楼下烧烤店开到凌晨 喝酒的人大声叫", null), ticket("楼下烧烤店油烟吹进我家窗户", null))).toBe(true);
    expect(differentMatters(report("楼下烧烤店又吵又有油烟", null), ticket("楼下烧烤店油烟太大", null))).toBe(false);
  });

  it("parts a garage's levels, yellow water from low pressure, a lamp out from one always on or flickering", () => {
    expect(differentMatters(report("地库B1墙上渗水", null), ticket("地库B2顶上漏水", null))).toBe(true);
    expect(differentMatters(report("负二层地库进水了", null), ticket("地库B2积水没过脚脖子", null))).toBe(false);
    expect(differentMatters(report("自来水发黄 有铁锈味", null), ticket("水压太低 水上不来", null))).toBe(true);
    expect(differentMatters(report("路灯白天也开着", null), ticket("路灯一半不亮", null))).toBe(true);
    expect(differentMatters(report("路灯一闪一闪的", null), ticket("路灯不亮", null))).toBe(true);
  });

  it("parts a charging pile that does not answer from one that costs too much, and a building's power cut from one flat's", () => {
    expect(differentMatters(report("充电桩收费太贵", null), ticket("充电桩扫码扫不上", null))).toBe(true);
    expect(differentMatters(report("3号楼只有我家没电 别人家有电", "3"), ticket("3号楼整栋停电了", "3"))).toBe(true);
    expect(differentMatters(report("3号楼全楼都停电了", "3"), ticket("3号楼整栋停电了", "3"))).toBe(false);
  });

  it("joins a lift pressed in vain with the same lift stopped, but not a button that does nothing", () => {
    expect(differentMatters(report("5号楼电梯不好使了 按了没反应", "5"), ticket("5号楼电梯又坏了 停在一楼不动", "5"))).toBe(false);
    expect(differentMatters(report("5号楼电梯7楼的按钮按了没反应", "5"), ticket("5号楼电梯停在一楼不动", "5"))).toBe(true);
  });

  it("parts a fitting from the thing it is fitted to, and two fittings both named", () => {
    expect(differentMatters(report("8号楼楼顶漏雨 顶楼墙都湿了", "8"), ticket("8号楼楼顶太阳能管子裂了 往下漏水", "8"))).toBe(true);
    expect(differentMatters(report("地下车库排风扇不转 一股汽油味", null), ticket("地下车库灯不亮", null))).toBe(true);
    expect(differentMatters(report("2号楼电梯冷气不凉 闷死了", "2"), ticket("2号楼电梯停在五楼不动", "2"))).toBe(true);
    expect(differentMatters(report("车库排风机不转了", null), ticket("车库那个排风扇不转 闷得慌", null))).toBe(false);
    // A door closer is often left unnamed (门关不上): it parts only from another fitting named.
    expect(differentMatters(report("6号楼单元门关不上 一直敞着", "6"), ticket("6号楼单元门闭门器坏了", "6"))).toBe(false);
    expect(differentMatters(report("6号楼单元门刷卡刷不开", "6"), ticket("6号楼单元门闭门器坏了 门砰砰响", "6"))).toBe(true);
    expect(differentMatters(report("6号楼信箱被撬了", "6"), ticket("6号楼单元门闭门器坏了", "6"))).toBe(true);
  });

  it("parts a septic tank from a sewer or a rain gully, but not a floor drain from the sewer under it", () => {
    expect(differentMatters(report("5号楼后面化粪池满了 往外冒", "5"), ticket("5号楼一楼下水道返臭味", "5"))).toBe(true);
    expect(differentMatters(report("东门雨水井堵了 下雨积水", null), ticket("东门化粪池冒污水", null))).toBe(true);
    expect(differentMatters(report("3号楼一楼厨房地漏往上冒脏水", "3"), ticket("3号楼一楼下水道堵了 返水", "3"))).toBe(false);
  });

  it("parts one stall or shop from another, and a noise at dawn from the same noise late at night", () => {
    expect(differentMatters(report("东门口水果摊占了人行道", null), ticket("东门口早点摊占道", null))).toBe(true);
    expect(differentMatters(report("楼下火锅店排烟管对着我家窗户", null), ticket("楼下烧烤店油烟熏人", null))).toBe(true);
    expect(differentMatters(report("东门口烤串的油烟太大", null), ticket("东门外烧烤摊晚上烟很大", null))).toBe(false);
    expect(differentMatters(report("广场舞早上六点就放音乐", null), ticket("广场舞晚上十点还在跳 吵死了", null))).toBe(true);
    expect(differentMatters(report("工地早上六点就打桩", null), ticket("工地半夜还在浇混凝土", null))).toBe(true);
    expect(differentMatters(report("广场舞晚上九点半还在跳", null), ticket("广场舞音响太大 晚上十点才停", null))).toBe(false);
  });

  it("parts a bin left full from its lid gone, rats, where it stands or how it is sorted", () => {
    expect(differentMatters(report("7号楼垃圾桶盖子都没了 苍蝇乱飞", "7"), ticket("7号楼垃圾桶满了没人收", "7"))).toBe(true);
    expect(differentMatters(report("北门垃圾站老鼠好多", null), ticket("北门垃圾站满了三天没人清", null))).toBe(true);
    expect(differentMatters(report("北门垃圾站耗子成群", null), ticket("北门垃圾站那边老鼠好多", null))).toBe(false);
    expect(differentMatters(report("垃圾站离5号楼太近 要求挪走", null), ticket("垃圾站满了没人清", null))).toBe(true);
    expect(differentMatters(report("垃圾分类了 车来还是混着倒", null), ticket("垃圾站满了没人清", null))).toBe(true);
  });

  it("parts a fee's rise from its receipt or a bill chased again, and a dog barking from one off its lead", () => {
    expect(differentMatters(report("物业费的收据一直不给", null), ticket("物业费又涨了 也没开会", null))).toBe(true);
    expect(differentMatters(report("物业费交了还收到催缴短信", null), ticket("物业费又涨了", null))).toBe(true);
    expect(differentMatters(report("3栋那只狗天天叫 吵死了", "3"), ticket("3栋那只狗不拴绳到处跑", "3"))).toBe(true);
    expect(differentMatters(report("南门几只野狗 见人就叫", null), ticket("南门那几只流浪狗好凶", null))).toBe(false);
  });

  it("parts a lift stopped from one slow, noisy or out of date, and smoking from gas or a mess", () => {
    expect(differentMatters(report("5号楼电梯慢得要命 等半天", "5"), ticket("5号楼电梯停了不动", "5"))).toBe(true);
    expect(differentMatters(report("5号楼电梯咯吱咯吱响", "5"), ticket("5号楼电梯停在一楼不动", "5"))).toBe(true);
    expect(differentMatters(report("5号楼电梯年检标签过期了", "5"), ticket("5号楼电梯又坏了", "5"))).toBe(true);
    expect(differentMatters(report("4号楼楼道有人抽烟", "4"), ticket("4号楼楼道一股煤气味", "4"))).toBe(true);
  });

  it("takes a car standing in a parking space for the space taken, not for a thing stopped", () => {
    expect(differentMatters(report("B1-078是我的车位 今天又有别人的车停在上面", null), ticket("我的车位B1-078又被人占了", null))).toBe(false);
    expect(differentMatters(report("我的车位又被一辆白车停了一上午", null), ticket("我的车位被人占了", null))).toBe(false);
  });

  it("takes 大门 for the gate the other side names by its compass side, never for a back gate", () => {
    // The gate as the location reader reads it (bot/location.ts): 东门, 后门; 大门 is none.
    const atGate = (text: string, spot: string) => ({ ...ticket(text, null), spot });
    expect(differentMatters(report("大门刷卡进不去 门禁坏了", null), atGate("东门门禁刷卡没反应", "东门"))).toBe(false);
    expect(differentMatters(report("大门道闸抬不起来", null), atGate("后门道闸抬不起来", "后门"))).toBe(true);
    expect(differentMatters({ ...report("西门门禁刷卡没反应", null), spot: "西门" }, atGate("东门门禁刷卡没反应", "东门"))).toBe(true);
  });

  it("never joins a danger happening now to the same thing with nobody in it", () => {
    const stopped = { ...ticket("7号楼2单元电梯坏了停在一楼，里面没人", "7"), danger: null };
    expect(findDuplicate({ ...report("7号楼2单元电梯困人了", "7"), danger: "red" }, [stopped], now)).toBeUndefined();
  });

  it("parts a fault of its own said on one side only: someone shut in, a car left for years, smoking in the lift", () => {
    expect(differentMatters(report("12号楼电梯困人了 里面有人出不来", "12"), ticket("12号楼电梯坏了 不动", "12"))).toBe(true);
    expect(differentMatters(report("3号楼楼下有人把车停在路中央", "3"), ticket("僵尸车 3号楼楼下那台蓝色面包车", "3"))).toBe(true);
    expect(differentMatters(report("5栋电梯里有人抽烟", "5"), ticket("5栋电梯坏了不动", "5"))).toBe(true);
    expect(differentMatters(report("电梯里一股烟味 有人在里面抽", null), ticket("电梯里有人抽烟", null))).toBe(false);
  });

  it("parts a leak from the flat above from the roof's and from one's own pipes", () => {
    expect(differentMatters(report("屋顶漏水到我家", null), ticket("楼上漏水到我家", null))).toBe(true);
    expect(differentMatters(report("我家卫生间往楼下渗水", null), ticket("楼上漏水滴到我家", null))).toBe(true);
    expect(differentMatters(report("1102房顶在渗水 是楼上那户下来的", null), ticket("楼上1202漏水到我家1102天花板", null))).toBe(false);
  });

  it("parts a lift's door from its buttons, and a door that will not shut from a card that will not open it", () => {
    expect(differentMatters(report("电梯门关太快夹手", null), ticket("电梯按钮按了没反应", null))).toBe(true);
    expect(differentMatters(report("12栋门禁卡刷无开", "12"), ticket("12栋单元门关无埋", "12"))).toBe(true);
    expect(differentMatters(report("9栋单元门关不紧 风一吹就开", "9"), ticket("9栋门禁卡刷不开", "9"))).toBe(true);
  });

  it("parts stray cats from stray dogs, and a lift broken from one only noisy or slow", () => {
    expect(differentMatters(report("流浪狗多 晚上害怕", null), ticket("流浪猫多 在车上拉屎", null))).toBe(true);
    expect(differentMatters(report("8栋电梯有怪声", "8"), ticket("8栋电梯坏了", "8"))).toBe(true);
    expect(differentMatters(report("6栋电梯运行有异响 还能用", "6"), ticket("6栋电梯坏了停运", "6"))).toBe(true);
    expect(differentMatters(report("8栋电梯坏了 咯噔咯噔响", "8"), ticket("8栋电梯坏了", "8"))).toBe(false);
  });

  it("parts the refuse station's smell from a bin left full, not the station left uncollected", () => {
    expect(differentMatters(report("东门垃圾站好臭", null), ticket("东门垃圾桶满了没人拉", null))).toBe(true);
    expect(differentMatters(report("垃圾站三天没拉了 臭得很", null), ticket("垃圾桶满得溢出来了 好几天没人清", null))).toBe(false);
  });

  it("joins a matter between or along buildings named together, whichever the location reader took first", () => {
    expect(differentMatters(report("11、12号楼中间那条消防通道又停满车了", "12"), ticket("11号楼和12号楼之间的消防通道被私家车堵了", "11"))).toBe(false);
    expect(differentMatters(report("一到四号楼今晚又停电了", "1"), ticket("1号楼到4号楼这片今晚又停电", "4"))).toBe(false);
    // One building each, or buildings together that do not meet, still part.
    expect(differentMatters(report("12号楼消防通道被车堵了", "12"), ticket("11号楼消防通道被车堵了", "11"))).toBe(true);
    expect(differentMatters(report("5号楼和6号楼之间的路灯坏了", "5"), ticket("8号楼和9号楼之间的路灯坏了", "8"))).toBe(true);
  });

  it("reads a thing or a fault told in other words: an e-bike, a fan that does not turn, a gas cut, a way blocked, something falling", () => {
    expect(differentMatters(report("大门口被送外卖的电动车霸晒了", null), ticket("外卖电单车成排停喺大门口", null))).toBe(false);
    expect(differentMatters(report("车库那个排风扇停了 闷得慌", null), ticket("地下车库排风机不转了", null))).toBe(false);
    expect(differentMatters(report("五号楼通知明天管道改造停气", "5"), ticket("5号楼明天停燃气", "5"))).toBe(false);
    expect(differentMatters(report("接孩子的车把大门全堵了 出不去", null), ticket("家长的车把小区门口堵死了", null))).toBe(false);
    expect(differentMatters(report("北门口被一辆白面包堵死了 货下不来", null), ticket("北门口那辆白色面包车挡住我卸货", null))).toBe(false);
    expect(differentMatters(report("13号楼有人高空抛物 刚掉下来个花盆", "13"), ticket("13号楼上面往下扔花盆 差点砸到人", "13"))).toBe(false);
    expect(differentMatters(report("九号楼一滴水都没了", "9"), ticket("九号楼又停水了 水龙头一滴都没有", "9"))).toBe(false);
    // The same words do not join another thing or another fault.
    expect(differentMatters(report("自行车棚的车被偷了", null), ticket("电动车棚的充电桩坏了", null))).toBe(true);
    expect(differentMatters(report("排风机声音好大 嗡嗡响", null), ticket("地下车库排风机不转了", null))).toBe(true);
    expect(differentMatters(report("5号楼明天停水", "5"), ticket("5号楼明天停燃气", "5"))).toBe(true);
    expect(differentMatters(report("大门道闸一直抬着 外面车随便进", null), ticket("家长的车把小区门口堵死了 出不去", null))).toBe(true);
    expect(differentMatters(report("大树要倒了 歪得厉害", null), ticket("大树挡住我家窗户", null))).toBe(true);
    expect(differentMatters(report("九号楼楼道天花板滴水", "9"), ticket("九号楼停水了", "9"))).toBe(true);
  });

  it("parts rain through a window from rain through the roof, and rats from mosquitoes", () => {
    expect(differentMatters(report("14号楼1801窗户一下雨往里渗水", "14"), ticket("14号楼1801顶楼一下雨就渗水", "14"))).toBe(true);
    expect(differentMatters(report("楼上漏水渗到我家"), ticket("顶楼房顶下雨漏水"))).toBe(true);
    expect(differentMatters(report("4栋窗框一下雨就渗水"), ticket("4栋窗户缝漏雨"))).toBe(false);
    expect(differentMatters(report("9栋后面草地里蚊子多得很"), ticket("9栋楼下草坪里老鼠多得很"))).toBe(true);
    expect(differentMatters(report("9栋草地里耗子乱窜"), ticket("9栋楼下草坪里老鼠多得很"))).toBe(false);
  });
});
