/**
 * Kinds of one matter that residents tell apart though they name the same thing: a noise is another matter when
 * something else makes it (装修 vs 小孩跑跳 vs 广场舞), and a charging hazard when it is another way of charging
 * (a lead hung from a window, 飞线, vs a bike pushed into the stairwell or lift to charge). Read only when both
 * reports are about that thing (noise, charging).
 */
const NOISE_SOURCES: readonly { id: string; words: RegExp }[] = [
  { id: "renovation", words: /装修|电钻|冲击钻|砸墙|敲墙|打墙|切割/ },
  { id: "buildingSite", words: /工地|打桩|电镐|混凝土/ },
  { id: "children", words: /小孩|孩子|娃|蹦|跑跳|跑来跑去|跳来跳去|拍球/ },
  { id: "furniture", words: /(拖|拉)(椅子|凳子|桌子|家具|东西)/ },
  { id: "dancing", words: /广场舞|跳舞/ },
  { id: "ballGames", words: /篮球|打球/ },
  { id: "taiChi", words: /太极/ },
  { id: "revelry", words: /划拳|喝酒|吃酒|喧哗/ },
  { id: "washingMachine", words: /洗衣机/ },
  { id: "singing", words: /唱K|唱歌|K歌|卡拉OK|KTV/i },
  { id: "dog", words: /狗/ },
  { id: "traffic", words: /喇叭|鸣笛|倒车/ },
];

const CHARGING_WAYS: readonly { id: string; words: RegExp }[] = [
  { id: "leadFromWindow", words: /飞线|(拉|扯|吊|垂|挂|接)(了|根|条|个)?(电)?线|线从|拖板|窗(户|口|子)?.{0,6}(拉|扯|吊|垂)/ },
  {
    id: "bikeIndoors",
    words: /(楼道|过道).{0,10}充|充电.{0,6}楼道|推(进|到|上|回|入).{0,8}(楼道|电梯|家|楼)|(带|推)回家.{0,3}充|上楼.{0,2}充电|(楼梯|走廊).{0,8}充电/,
  },
];

const idsOf = (kinds: readonly { id: string; words: RegExp }[], text: string) => new Set(kinds.filter((kind) => kind.words.test(text)).map((kind) => kind.id));

/** What makes the noise a text complains of, where it says (装修, 小孩, 广场舞). */
export function noiseSourcesOf(text: string): Set<string> {
  return idsOf(NOISE_SOURCES, text);
}

/** How the charging a text complains of is done, where it says (飞线 from a window, a bike in the stairwell). */
export function chargingWaysOf(text: string): Set<string> {
  return idsOf(CHARGING_WAYS, text);
}
