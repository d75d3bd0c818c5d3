/**
 * Cantonese words the danger rules would not read, folded to the Mandarin the rules are written in: for the
 * rules only (urgency.ts), never for the models (trained on the text as written) nor for the stored text.
 * 「货梯困咗个后生仔 出唔到」 is 「货梯困了个后生仔 出不来」; 「上面仲喺度掟」 is 「上面还在度扔」.
 *
 * | Cantonese | Mandarin | Cantonese | Mandarin |
 * | --- | --- | --- | --- |
 * | 喺 | 在 | | |
 * | 嚟; 掟(酒樽)落嚟 | 来; 扔(酒樽)下来 | 唔 | 不 |
 * | 係唔係, 系咪 | 是不是 | 咗 (not after 困) | 了 |
 * | 冇 | 没 | 佢 | 他 |
 * | 掟 | 扔 | 仲 (before 在/喺/有) | 还 |
 * | 出唔到, 出唔返 | 出不来 | 入面 | 里面 |
 */
const FOLDS: readonly [RegExp, string][] = [
  // The tenth round: Hong Kong Cantonese (traditional characters, already simplified here) saying a hazard now.
  [/着咗火/g, "着火了"],
  [/(?<![关联干唔咪])係(?![唔咪])/g, "是"],
  [/嘢/g, "东西"],
  [/一路(?=[涌灌冒窜])/g, "一直"],
  [/插苏/g, "插座"],
  [/(煤气|燃气)喉/g, "$1管"],
  [/天花(?!板)/g, "天花板"],
  [/好似落雨/g, "像下雨"],
  // Falling as it happens (跌紧落嚟, 一直跌落嚟); 「听到有嘢跌落嚟」 heard once stays as written.
  [/(一直|不停)?跌紧落(嚟|来)|(一直|不停)跌(咗|了)?落(嚟|来)/g, "一直往下掉"],
  [/(扔|抛|砸|掟)紧/g, "正在$1"],
  // 「掟玻璃樽落花园」: thrown down into the garden.
  [/(扔|抛|掟)([^\s，。！？落]{1,4}?)落(花园|街|地下|楼下|平台|马路|停车场)/g, "$1$2下来"],
  [/(困|浸|闪|喘)紧/g, "正在$1"],
  [/就(嚟|来)(?=塌|冧|倒|跌|掉)/g, "眼看就要"],
  [/将自己(?=(反)?锁|关|困)/g, "把自己"],
  [/爬(咗|了)?出(窗台|窗外|窗口|阳台|露台|栏杆)/g, "爬到$2外"],
  [/(成|全)(家|屋)人/g, "全家人都"],
  // The ninth round: the hazards' signs as written Cantonese says them (a lift, stuck, hurt, smoke, sick).
  [/𨋢/g, "电梯"],
  [/火烛/g, "着火"],
  [/冧/g, "塌"],
  [/有冇/g, "有没有"],
  // 俾/畀 before what was done to someone is the passive 被: 「我俾隔离只狗咬咗手」, 「畀电到」.
  [/[俾畀](?=[^，。！？\s]{0,6}(咬|电|打|撞|夹|困|锁|关|斩|捅))/g, "被"],
  [/琴日|寻日|尋日/g, "昨天"],
  [/琴晚|寻晚/g, "昨晚"],
  // 「爆水管嘅话…」: if it ever bursts.
  [/嘅话/g, "的话"],
  // 整好 is mended (「已经整好咗」).
  [/整好/g, "修好"],
  // Not 上年纪, getting on in years: 「上年纪的老人被困在电梯里」 is someone trapped now.
  [/上年(?!纪)/g, "去年"],
  [/嗰/g, "那"],
  [/好彩/g, "幸好"],
  [/日日/g, "天天"],
  [/(我|好|都|又)惊/g, "$1怕"],
  [/而家/g, "现在"],
  [/差佬/g, "警察"],
  [/白车/g, "救护车"],
  [/水喉/g, "水管"],
  [/热水炉/g, "热水器"],
  [/冷气机/g, "空调外机"],
  // 出面 is outside (喺出面, 由出面锁咗), not someone stepping in (请物业出面调解): that is Mandarin too.
  [/(?<=[喺在由去到过俾门闸窗栏台街])出面|出面(?=[啲嘅都先度])/g, "外面"],
  [/(?<!屋)企(?=喺|咗|在|住|度|出)/g, "站"],
  [/咗喺/g, "在"],
  [/困咗(?=人)/g, "困"],
  [/落唔(到|返)?嚟|落唔到/g, "下不来"],
  [/(开|打|扭)唔(到|开|郁)/g, "打不开"],
  [/郁唔(到|郁)|唔郁/g, "动不了"],
  [/起唔(到)?身|起唔到/g, "起不来"],
  [/跌亲|整亲|撞亲/g, "摔伤了"],
  [/咬亲/g, "咬伤了"],
  [/电亲/g, "电到了"],
  [/打亲/g, "打伤了"],
  // A fight (打交) as a clause ends, not 打交道 (dealing with someone) nor Mandarin 打交警电话 (calling the traffic police).
  [/打交(?=$|[\s，。！？!?,.~～]|[喇啦呀咗了嘅紧呢啊喎])/g, "在打架"],
  [/(拎|揸)住/g, "拿着"],
  [/追住/g, "追着"],
  [/流晒血/g, "流了很多血"],
  [/(好想|想|又)呕/g, "想吐"],
  [/(闭|关)晒/g, "全关"],
  [/(都|全|就)系/g, "$1是"],
  [/浸到(脚眼|脚踝)/g, "没过脚踝"],
  [/好似([^，。！？\s]{1,6}?)咁/g, "像$1一样"],
  [/(烧|喊|哭|冒|追|咬|漏|喷|拍|跌|掉)紧/g, "在$1"],
  [/跌(咗|了)?落(地|街)/g, "掉到地上"],
  [/摇下摇下|郁下郁下/g, "在摇晃"],
  // 「困喺屋企出唔到街」: a broken lift keeps someone home, said as a complaint, not someone shut in.
  [/出唔(到|得)街/g, "出不了门"],
  [/出唔(到|返)(嚟)?/g, "出不来"],
  [/(掟|扔|抛|跌|掉|塌)([^\s，。！？落]{0,4}?)落嚟/g, "$1$2下来"],
  [/[係系](唔|咪)[係系]?/g, "是不是"],
  // 「唔系打交」: not a fight.
  [/唔[係系]/g, "不是"],
  // Not 困咗: 「困咗成个钟」 tells how long someone was stuck, after the fact.
  [/(?<!困)咗/g, "了"],
  [/喺/g, "在"],
  [/嚟/g, "来"],
  [/唔/g, "不"],
  [/冇/g, "没"],
  [/佢/g, "他"],
  [/掟/g, "扔"],
  [/仲(?=在|喺|有)/g, "还"],
  [/入面/g, "里面"],
];

/** The text with the Cantonese words above in Mandarin. */
export function cantoneseForRules(text: string): string {
  return FOLDS.reduce((read, [word, mandarin]) => read.replace(word, mandarin), text);
}
