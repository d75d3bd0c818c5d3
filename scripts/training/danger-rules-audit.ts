/**
 * npx tsx scripts/training/danger-rules-audit.ts [--list]
 *
 * Where the ninth and tenth rounds' danger rules fire on the real letters' TRAIN split (never the test split):
 * for each rule, the letters whose text it matches (any label), how many of them are not labelled red, and how
 * many of those the bot reads red now. A letter is long (a history, a quoted past event, a standing hazard, a
 * demand), so a rule that fires on one that describes no danger happening now is read here by meaning.
 * With --list, the text of every non-red letter a rule fires on.
 */
import { estateRows } from "./corpus.ts";
import { dangerOf } from "../evaluation/chatLines.ts";
import { normalizeForReading } from "../../src/bot/normalize.ts";
import { cantoneseForRules } from "../../src/bot/cantonese.ts";
import { readAsTheBot } from "../evaluation/tables.ts";

const PERSON =
  "(有人|人|我|我们|男的|女的|男人|女人|老头|老太|小伙子?|老人|老汉|老太太|老爷子|大爷|大妈|阿姨|叔叔|孩子|小孩|小朋友|男孩|女孩|女儿|儿子|我妈|我爸|老妈|老爸|母亲|父亲|我老公|我老婆|工人|师傅|邻居|小哥|保安|阿伯|阿婆|阿姐|阿叔|阿妈|阿爸|阿爷|阿嫲|后生仔|后生女|细路仔?|细路女|他|她)";

/** The cues the two rounds added, as the rules read them (after the Cantonese folds). */
const NEW_CUES: readonly [string, RegExp][] = [
  ["violence: 打得流血", /打(到|得)(流血|出血|头破)/],
  ["violence: someone named beaten", new RegExp(`${PERSON}被.{0,6}(打|砍|捅|踢)(了|伤)(?![^，。！？\\s]{0,8}(电话|针|疫苗|招呼|卡|分|印|钱|包|扫|折|车))`)],
  ["ledge: standing outside a sill", /(站|坐|蹲|爬)(在|到|了)?(空调外机架|空调架|窗台外|窗户外|阳台外|栏杆外|护栏外|围栏外)/],
  ["ledge: roof edge, legs out", /(楼顶|屋顶|房顶|天台)(的)?(边上|边沿|边缘)(上)?(坐|站|蹲)着(个|一个)|(腿|脚)(?!垫|印|步|手架|踏).{0,4}(在外面|挂在外|吊出去|伸出去|悬空|在外头|在外边)/],
  ["lift: I am in the lift now", /我(现在)在(电梯|梯)(里|度)/],
  ["lift: someone shut in (关住了)", new RegExp(`${PERSON}.{0,4}(关|困)(住|牢)了`)],
  ["lift: stopped in mid-air", /停在半空/],
  ["carbonMonoxide: passed out by a charcoal stove", /炭炉/],
  ["carbonMonoxide: vomiting, all passed out, collapsed", /呕吐|(都|全)晕了|倒下(了|去)/],
  ["carbonMonoxide: a running car, burning charcoal", /车.{0,4}(没熄火|打着火)|烧炭/],
  ["gas: hissing (嗤嗤)", /嗤嗤|哧哧|呲呲/],
  ["lockedIn: 露台, 垃圾房, 健身房, 杂物房", /(锁|关|困)(在|进|住|着).{0,6}(露台|垃圾房|健身(室|房)|杂物房)/],
  ["fire: smoke coming out (烟…冒出来)", /烟.{0,6}冒出来/],
  ["fire: smoke pouring in (烟灌进来)", /烟(一直|不停)?(涌|灌|窜)(上|进|入)来/],
  ["waterElectric: live water", /水(里|中)(有电|带电)/],
  ["waterElectric: water in a light or socket", /(灯|插座|开关|电箱|电表)(里|里面|里头)?.{0,3}(也|都|在)?(滴水|进水|流水|漏水)/],
  ["electric: a wire on the ground", /(电线|电缆|线皮).{0,8}掉(地上|到地)/],
  ["collapse: about to fall in (就快塌)", /(就快|快要)(塌|跌)/],
  ["collapse: 垮下来", /垮下来/],
  ["collapse: sinking now", /(在|正在)往下沉/],
  ["collapse: a crack widening", /裂缝.{0,4}(变大|变宽|变长|一下子大)/],
  ["collapse: leaning now", /(树|墙|杆|架子|塔吊|广告牌).{0,8}(在|正在)往.{0,6}(倒|歪)|(在|正在)往一边(倒|歪)/],
  ["falling: landed beside someone", /(跌|掉)(了)?.{0,6}在(我|他|她|人)?(脚边|身边|旁边)/],
  ["falling: pieces coming down", /(掉|跌)(了)?(一|两|几)个下来|(一块块|一块一块|成块|几块).{0,4}(跌|掉)下来/],
  ["falling: a railing come loose", /(栏杆|护栏).{0,4}(松脱|甩)/],
  ["falling: someone throwing from above", /有人(从|由)?(楼上|上面|高层|窗口|窗户)[^\s，。！？]{0,4}(扔|抛|砸)(?!烟头|垃圾|果皮|纸)[^\s，。！？]{0,4}下来/],
  ["animal: 把…咬了", new RegExp(`把${PERSON}.{0,2}咬(了|伤)`)],
  ["animal: a snake indoors", /(楼道|走廊|屋|家|电梯|车库|地库|楼梯|大堂|厨房|卫生间|房间)(里|内)?.{0,4}(有|进了|入了|钻进)(一)?(条|只)?.{0,4}蛇/],
  ["child: who has seen a child", /(有没有|有木有|有没)人?(见到|看到|看见|见过|见)|谁(见到|看到|看见|见过)/],
];

/** The Cantonese folds the two rounds added, as they would change a Mandarin letter. */
const NEW_FOLDS: readonly [string, RegExp][] = [
  ["fold 一路涌 → 一直涌", /一路(?=[涌灌冒窜])/],
  ["fold 天花 → 天花板", /天花(?!板)/],
  ["fold 扔紧 → 正在扔", /(扔|抛|砸|掟)紧/],
  ["fold 扔…落花园 → 扔…下来", /(扔|抛|掟)([^\s，。！？落]{1,4}?)落(花园|街|地下|楼下|平台|马路|停车场)/],
  ["fold 困紧 → 正在困", /(困|浸|闪|喘)紧/],
  ["fold 全家人 → 全家人都", /(成|全)(家|屋)人/],
  ["fold 冧 → 塌", /冧/],
  ["fold 火烛 → 着火", /火烛/],
  ["fold 俾/畀 → 被", /[俾畀](?=[^，。！？\s]{0,6}(咬|电|打|撞|夹|困|锁|关|斩|捅))/],
  ["fold 出面 → 外面 (as the tenth round had it)", /出面/],
  [
    "fold 出面 → 外面 (outside only)",
    /(?<=[喺在由去到过俾门闸窗栏台街])出面|出面(?=[啲嘅都先度])/,
  ],
  ["fold 企 → 站", /(?<!屋)企(?=喺|咗|在|住|度|出)/],
  ["fold 打交 → 在打架 (as the tenth round had it)", /打交/],
  ["fold 打交 → 在打架 (not 打交道)", /打交(?!道)/],
  ["fold 拎住 → 拿着", /(拎|揸)住/],
  ["fold 追住 → 追着", /追住/],
  ["fold 想呕 → 想吐", /(好想|想|又)呕/],
  ["fold 关晒 → 全关", /(闭|关)晒/],
  ["fold 都系 → 都是", /(都|全|就)系/],
  ["fold 好似…咁 → 像…一样", /好似([^，。！？\s]{1,6}?)咁/],
  ["fold 烧紧 → 在烧", /(烧|喊|哭|冒|追|咬|漏|喷|拍|跌|掉)紧/],
  ["fold 跌落地 → 掉到地上", /跌(咗|了)?落(地|街)/],
  ["fold 惊 → 怕", /(我|好|都|又)惊/],
  ["fold 日日 → 天天", /日日/],
  ["fold 白车 → 救护车", /白车/],
  ["fold 塌…落嚟 → 塌…下来", /塌([^\s，。！？落]{0,4}?)落嚟/],
];

const listing = process.argv.includes("--list");
const letters = estateRows().filter((row) => row.split === "train");
const readings = letters.map((row) => {
  const got = readAsTheBot(row.text);
  const danger = dangerOf(got).tier;
  const read = normalizeForReading(row.text);
  return { row, danger: danger ?? null, read, folded: cantoneseForRules(read) };
});

console.log(`real letters, train split: ${letters.length}; labelled red ${letters.filter((row) => row.colour === "red").length}`);
for (const [name, rule, on] of [
  ...NEW_CUES.map(([name, rule]) => [name, rule, "folded"] as const),
  ...NEW_FOLDS.map(([name, rule]) => [name, rule, "read"] as const),
]) {
  const fired = readings.filter((reading) => rule.test(reading[on]));
  const notRed = fired.filter((reading) => reading.row.colour !== "red");
  const readRed = notRed.filter((reading) => reading.danger === "red");
  console.log(`${name}: fires on ${fired.length}, of which ${notRed.length} not labelled red (${readRed.length} of them read red now)`);
  if (listing)
    for (const { row, danger } of notRed) console.log(`    ${danger ?? "-"}\t${row.key}\t${row.colour}\t${row.text.replace(/\s+/g, " ").slice(0, 160)}`);
}
