/**
 * Kinds of one matter that residents tell apart though they name the same thing: a noise is another matter when
 * something else makes it (装修 vs 小孩跑跳 vs 广场舞), and a charging hazard when it is another way of charging
 * (a lead hung from a window, 飞线, vs a bike pushed into the stairwell or lift to charge), and a power cut when it
 * reaches another way (the whole building vs one flat). Read only when the reports are about that thing (noise on
 * either side, charging or power on both).
 */
const NOISE_SOURCES: readonly { id: string; words: RegExp }[] = [
  { id: "renovation", words: /装修|电钻|冲击钻|砸墙|敲墙|打墙|切割/ },
  { id: "buildingSite", words: /工地|打桩|电镐|混凝土/ },
  { id: "children", words: /小孩|孩子|娃|蹦|跑跳|跑来跑去|跳来跳去|拍球/ },
  { id: "furniture", words: /(拖|拉)(椅子|凳子|桌子|家具|东西)/ },
  { id: "dancing", words: /广场舞|跳舞/ },
  { id: "ballGames", words: /篮球|打球|拍球/ },
  { id: "taiChi", words: /太极/ },
  { id: "revelry", words: /划拳|喝酒|吃酒|喧哗/ },
  { id: "washingMachine", words: /洗衣机/ },
  { id: "singing", words: /唱K|唱歌|K歌|卡拉OK|KTV/i },
  { id: "dog", words: /狗/ },
  { id: "traffic", words: /喇叭|鸣笛|倒车/ },
  // A flat's own sounds and a shop's trade are other sources again: a toilet flushed at night is not a piano,
  // a mahjong parlour not an internet café.
  { id: "toilet", words: /冲(马桶|厕所|水)/ },
  { id: "instrument", words: /钢琴|弹琴|练琴|乐器/ },
  { id: "mahjong", words: /麻将|棋牌/ },
  { id: "internetCafe", words: /网吧/ },
  { id: "broadcast", words: /广播/ },
  { id: "chopping", words: /剁/ },
  { id: "whip", words: /鞭|陀螺/ },
];

const CHARGING_WAYS: readonly { id: string; words: RegExp }[] = [
  { id: "leadFromWindow", words: /飞线|(拉|扯|吊|垂|挂|接)(了|根|条|个)?(电)?线|线从|拖板|窗(户|口|子)?.{0,6}(拉|扯|吊|垂)/ },
  {
    id: "bikeIndoors",
    words: /(楼道|过道).{0,10}充|充电.{0,6}楼道|推(进|到|上|回|入).{0,8}(楼道|电梯|家|楼)|(带|推)回家.{0,3}充|上楼.{0,2}充电|(楼梯|走廊).{0,8}充电/,
  },
];

/** Only one's own flat is without power, or only one's own flat has the trouble (只有我家没电, 别人家有电). */
export const ONLY_OWN_FLAT = /只有我|就我(家|们家|屋|一家)|我一家|别(人)?(家|户)(都)?有电/;

// A power cut of the whole building is not one flat's tripped switch.
const POWER_SCOPES: readonly { id: string; words: RegExp }[] = [
  { id: "building", words: /整(栋|幢|座|个小区|个楼)|全楼|全小区|一整(栋|幢)|都(停电|没电|冇电)/ },
  { id: "ownFlat", words: ONLY_OWN_FLAT },
];

// Drains of one yard are several: the septic tank overflowing is not a blocked sewer, a floor drain's smell or a
// rain gully (化粪池冒 vs 下水道返臭 vs 雨水井).
const DRAINS: readonly { id: string; words: RegExp }[] = [
  { id: "septicTank", words: /化粪池|粪池|粪水/ },
  // A floor drain backing up is the blocked sewer under it.
  { id: "sewer", words: /下水道|下水井|下水管|污水管|排污管|地漏/ },
  { id: "rainDrain", words: /雨水(井|管|沟|口)|水沟|排水沟/ },
];

// Shops and stalls: a fruit stall in the way is not the breakfast stall's, nor the hotpot shop's fumes the barbecue's.
const SHOPS: readonly { id: string; words: RegExp }[] = [
  { id: "barbecue", words: /烧烤|烤串|撸串/ },
  { id: "hotpot", words: /火锅/ },
  { id: "eatery", words: /饭馆|饭店|餐馆|餐厅|面馆|小吃店|茶餐厅/ },
  { id: "fruit", words: /水果|生果/ },
  { id: "breakfast", words: /早餐|早点|油条|包子/ },
  { id: "vegetables", words: /卖菜|菜摊/ },
];

// When a noise is made: at dawn (早上六点就开始) and late at night (半夜, 十二点) are two complaints of one source.
const NOISE_TIMES: readonly { id: string; words: RegExp }[] = [
  { id: "dawn", words: /早上|清早|一大早|朝早|早晨|凌晨[四五六]|[五六七]点(钟)?就/ },
  { id: "night", words: /半夜|深夜|夜里|夜晚|晚上|夜间|后半夜|凌晨[一二三两]|十[一二]点/ },
];

// Where a leak comes from: the flat above, the roof, or one's own pipes leaking down to the flat below (楼上漏水到我家 vs
// 屋顶漏水 vs 我家水管漏到楼下) are three matters, though each is water through a ceiling. The flat above named, the
// roof and one's own rooms said beside it are where its water comes through (卫生间屋顶渗水 是楼上四零二的管子).
const FLAT_ABOVE = /(?<![号栋幢座])楼上(?!面)(.{0,6}(漏|渗|滴|水)|.{0,8}(管|那户|那家|人家))/;
const LEAK_SOURCES: readonly { id: string; words: RegExp }[] = [
  { id: "roof", words: /屋顶|楼顶|顶楼|房顶|屋面|天面|防水层/ },
  // Rain through a window's frame is not rain through the roof (窗户缝渗水 vs 楼顶漏雨).
  { id: "window", words: /窗(户|子|框|台|缝)?.{0,6}(漏|渗)|(漏|渗).{0,4}窗/ },
  { id: "ownPipes", words: /(我|自己|自家|阮厝).{0,6}(水管|管子|下水管|卫生间|厨房).{0,6}(漏|渗)/ },
];

const idsOf = (kinds: readonly { id: string; words: RegExp }[], text: string) => new Set(kinds.filter((kind) => kind.words.test(text)).map((kind) => kind.id));

/** Which drain a text complains of, where it says (化粪池, 下水道, 雨水井). */
export function drainsOf(text: string): Set<string> {
  return idsOf(DRAINS, text);
}

/** Which shop or stall a text complains of, where it says (烧烤, 水果摊, 早点摊). */
export function shopsOf(text: string): Set<string> {
  return idsOf(SHOPS, text);
}

/** When the noise a text complains of is made, where it says (at dawn, late at night). */
export function noiseTimesOf(text: string): Set<string> {
  return idsOf(NOISE_TIMES, text);
}

/** What makes the noise a text complains of, where it says (装修, 小孩, 广场舞). */
export function noiseSourcesOf(text: string): Set<string> {
  return idsOf(NOISE_SOURCES, text);
}

/** How far the power cut a text complains of reaches, where it says (the whole building, one's own flat). */
export function powerScopesOf(text: string): Set<string> {
  return idsOf(POWER_SCOPES, text);
}

/** How the charging a text complains of is done, where it says (飞线 from a window, a bike in the stairwell). */
export function chargingWaysOf(text: string): Set<string> {
  return idsOf(CHARGING_WAYS, text);
}

/** Where the leak a text complains of comes from, where it says (the flat above, the roof, one's own pipes). */
export function leakSourcesOf(text: string): Set<string> {
  return FLAT_ABOVE.test(text) ? new Set(["flatAbove"]) : idsOf(LEAK_SOURCES, text);
}
