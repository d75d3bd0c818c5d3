/**
 * What an addressed message is when it is neither a command nor a new matter: a question about one's own
 * matter (follow-up), thanks, or a greeting. Each is answered briefly and files nothing.
 */

// The sender points at a matter they raised before: 我上周反映的…, 之前说的…, 我的报修…, 我那个单子…
const OWN_EARLIER_MATTER =
  /(我|俺|咱|𠊎)(们|家)?(上个?(礼拜|星期|周|月)|昨天|前天|前几天|早上|刚才|之前|上次|今天)?.{0,6}(报修|报|反映|投诉|提交?|说|发|登记)(过)?的|(之前|上次|前几天|昨天|前天|早上)(我|跟你们?|和你们?)?.{0,4}(说|报|反映|提|投诉|登记)(过)?的|(我|俺|咱|𠊎)的(报修|工单|单子|投诉|诉求|事|问题)|(我|俺|咱|𠊎)(那个|这个).{0,2}(单子|工单|报修|诉求|投诉|事|问题)|我报修的|(上个?月|上周|前几天|之前)(我)?.{0,2}(登记|报|反映)过|报(修)?(了)?好几(回|次|遍)|跟你们?说过的|第(二|三|几)次问|又问(一)?(遍|次)/;

// Asking where a matter stands.
const STATUS_QUESTION =
  /(修|弄|处理|办|解决|换|清|通|来)(好|完)?了?(吗|没|么)|到哪一?步|到哪了|有没有(去)?(调解|处理|修|管|回复)|进展|进度|怎么样了|啥情况|什么情况|有人(管|受理|处理|看|来|接)(了)?(吗|没)|没人(接|管|理|受理)|有(结果|回复|动静)(了)?(吗|没)?|没(有)?动静|动静都没有|还来吗|(啥|什么)时候(有人|能|会|才|派人)?(来|修|弄|处理|上门)|忘了|办完了|派下去|讨论了?没|说好的|还是(坏|没)|查(一)?下|查查|(怎么|咋)还|还没(人)?(来|修|处理|管|动)|还显示|待受理|有没有人(管|来|修)|后来(咋|怎么)(说|样|办)|(修|管)不(修|管)|(来|看|修)(过|了)没|(了|过)没(有)?(?=[\s?？!！。，,]|$)|还没.{0,2}(补|修|来|处理|管|回复|回|弄|换)|都(周.|几天|好几天|半个月|一个月)了|说(好)?(周.|明天|今天)来|(啥|什么)时候过来|到底(谁|有没有|管不管|修不修)|那单/;

import type { Rating } from "../domain/types.ts";

const LETTERS = /[\s\p{P}\p{S}]/gu;

// Chasing a matter raised before: 催一下, 跟进一下, 第三次催, 报了三回了, 再问一遍. It may name the matter
// in full ("催一下 13号楼外墙雨水管"), so it is filed when the sender has nothing open.
const CHASING =
  /催(一下|一催|催|办|了|促)|(在|又来|再来?)催|跟进(一)?下|再问一(遍|次)|第[二三四五六七八九十几\d]次(催|提醒|问|反映|报)|(报|反映|催|提|问)了?(三|四|五|六|几|好几|两|n)(次|回|遍)/i;

// The sender points at a matter already raised (上次说的…, 报修的那个…, 我那事, 反映的…), in any words.
const AN_EARLIER_MATTER =
  /(上次|上回|上礼拜|上周|上个?月|前天|昨天|昨儿|早上|头先|琴日|刚才|之前|早前|前几天|前阵子|(两|三|几|[一二三四五六七八九十\d])(个)?(天|礼拜|星期|周|月)前)[^，。！？]{0,6}(报修|报|说|讲|话|反映|反应|投诉|提交?)(过)?(的|嘅)|(报修|反映|投诉|报)(过)?的(那个|那|嘅)|(我|俺|𠊎)(那个?|嘅)(事|单|报修)|那(个)?事(儿)?(?=[\s，,。？?]|咋|怎|到底|后来|$)|报(了|咗)(仨|俩|两|三|几|好几)(回|次|遍)/;
// …and says it is not done: no news, still broken, when, and then?
const NOT_DONE_YET =
  /还是|还没|还(在|黑|贴|干)|仍然|有冇|(冇|没)下文|未有|(咋|怎么)样|后来|到现在|没人(来|上门|管|理)|都.{1,5}了|逾期|没动静|没信儿|有信儿|没见着|影子都没|人呢|然后呢|到底|(啥|什么|几)时候|了没|没有[？?]|吗|[？?]|未[？?\s]|未$|报哪去了|(搞掂|修好|讲咗|转咗|同佢讲咗)未/;

// …unless the words were someone else's: 「早上听邻居说的…」, 「刚才保安说的 地库有股煤气味」 pass a matter on.
const HEARD_FROM_OTHERS = /听[^，。！？\s]{0,4}(说|讲)|(保安|邻居|别人|人家|他们|她们|物业|师傅|楼下|楼上)(说|讲|话)(的|嘅)/;

// Adding to, correcting or taking back one's own earlier message: 补充一下上面那条…, 刚才那条补充下照片, 𠊎头先发错栋,
// 昨天那条撤回.
// Asking after or closing one's own matter in so many words: 进度查询, any update, just checking, 这个单可以关了, 报修单可以取消.
const ASKS_AFTER_OWN_MATTER =
  /进度查询|查(一)?下?进度|any (update|news|progress)|updates? on|just checking|(单|单子|报修单)[^，。！？]{0,4}(可以|能)?(关|取消|撤)(了|掉|咗)/i;

const ADDS_TO_EARLIER = /^(补充|更正|纠正)|(刚才|刚刚|上面|头先)(发)?(的)?(那|嗰)条(?=补充|撤回|消息|信息|说|写|发|$)|发错(栋|楼|了|咗)|那条撤回/;

/** A question about a matter the sender reported earlier (not a new report), and whether it names one. */
export function readFollowUp(text: string): { refersToOwnMatter: boolean; namesTheMatter: boolean } | null {
  // A chase or a pointer to an earlier matter may name the whole matter: filed when the sender has nothing open.
  if (CHASING.test(text) || ASKS_AFTER_OWN_MATTER.test(text) || ADDS_TO_EARLIER.test(text.replace(/\s+/g, "")))
    return { refersToOwnMatter: true, namesTheMatter: true };
  if (AN_EARLIER_MATTER.test(text) && NOT_DONE_YET.test(text) && !HEARD_FROM_OTHERS.test(text)) return { refersToOwnMatter: true, namesTheMatter: true };
  if (!STATUS_QUESTION.test(text)) return null;
  if (OWN_EARLIER_MATTER.test(text)) return { refersToOwnMatter: true, namesTheMatter: false };
  // A bare "修好了没？" with nothing else to go on.
  const letters = text.replace(LETTERS, "");
  return letters.length <= 8 ? { refersToOwnMatter: false, namesTheMatter: false } : null;
}

// Any sign of an earlier matter or of waiting for one: again, still, when at last, the earlier day, the ticket,
// the days gone by, a chase (还/又/仍/仲系, 到底, 进度/下文/信儿, 上次/之前/琴日/夜个, 报过/说好, 都三天了, 第五天, 人呢,
// 了没/未/伐, 单子). The train writers' follow-ups say it in these words; a line naming a thing and its fault
// without any of them (「东门的门禁刷不开了」) is a new report whatever the intent model reads. Fifteenth round, from the
// follow-ups the retrained intent model was sure of and still filed: one's own words of before in dialect (阮报的, 我港的),
// 修好冇/无, and the matter put right or taken back (修好了, 不用管了, 撤单, 撤回, 可以关了): on 55 train writers' folds
// 19 fewer non-problems filed, no report more lost (choose-intent.ts).
const EARLIER_OR_WAITING =
  /还|又|仍|仲|再|到底|究竟|进度|进展|下文|信儿|准信|准话|回话|回复|答复|结果|动静|消息|(啥|什么|甚么|嘛|几)(时候|辰光|时)|多久|好久|几时|上(次|回|趟|个?(礼拜|星期|周|月))|之前|以前|前面|前(天|日|晚|两天|几天|些|阵)|昨|夜(个|来|里说)|琴日|尋日|啱先|头先|刚才|早上(说|报|讲)|(报|说|讲|问|提|反映|反应|投诉|登记|申请)(过|了)|(说|讲)好|答应|承诺|都.{0,8}了|第.{1,3}(天|日|次|回|遍|周)|(天|日|礼拜|星期|周|月)(了|啦|喇)|一直|催|跟进|人呢|然后呢|了(没有?|莫有?|吗|么|伐|未)(?!反应|反映|用|法|电|水|气|信号|声音|动|力)|没有?([？?]|$)|(修|弄|整|搞)?(好|掂|完)(了)?(没|莫|未|伐|吗|么)|未(啊|呀|[？?\s]|$)|工单|单子|单号|那单|已完成|派单|等(了|到|着|多久)|那(个|件|桩)?事|嗰(个|件)?事|(的|嘅)事(?!故)|(这|那|嗰)(个)?单|(物业|师傅|保安|你们|城管)(说|讲|话)|(阮|我|俺|咱|𠊎)(报|讲|港|说|问)的|(好|掂|完)(了)?(冇|无)|撤单|可以关了|不用(管|来|修)了|撤回|(刚刚|刚才|早上|上午|下午)报的|修好(了|咯)|(说|讲)(今天|明天|下周|这礼拜|这星期|这周|下个月)|报(上去|哪)|有冇|回音|显示|已处理|补充|到现在|(来|修)过|(我|俺|咱)的?那个/;

/** Whether the line carries any sign of an earlier matter or of waiting (readFollowUp's own signs among them). */
export function carriesSignOfEarlierMatter(text: string): boolean {
  // Voice input and slow typists space every word: 「我 报 的 那个 电梯 的 事」.
  text = text.replace(/\s+/g, "");
  return EARLIER_OR_WAITING.test(text) || CHASING.test(text) || AN_EARLIER_MATTER.test(text) || OWN_EARLIER_MATTER.test(text) || STATUS_QUESTION.test(text);
}

const THANKS_WORDS =
  /谢谢|感谢|多谢|谢啦|谢了|谢谢啦|3q|3x|thx|thanks|thank you|thank u|感恩|蟹蟹|谢谢亲|辛苦|收到|好的|好嘞|好滴|好哒|明白|知道了|了解|麻烦了|ok|okay|嗯嗯?|👍|🙏|👌|效率(真|好|很)?高|真快|太棒了?|好评|点赞|给力|靠谱/gi;
const HAS_THANKS = new RegExp(THANKS_WORDS.source, "i");
const STILL_A_PROBLEM = /坏|漏|堵|没人|怎么|吗|？|\?|不行|不能|还是|又/;

/** Whether the text thanks anyone, among other things. */
export function mentionsThanks(text: string): boolean {
  return HAS_THANKS.test(text);
}

/** Thanks or an acknowledgement: the thanks words are most of the message and no problem is raised. */
export function isThanks(text: string): boolean {
  if (!HAS_THANKS.test(text)) return false;
  if (STILL_A_PROBLEM.test(text)) return false;
  const rest = text
    .replace(THANKS_WORDS, "")
    .replace(LETTERS, "")
    .replace(
      /师傅们?|物业|管家|小姐姐|你们|大家|小助手|帮忙|这么快|太好了|已经|问题|解决了|修好了|灯|亮了|那我|等(通知|消息|你们)|啦|了|的|啊|呀|哈|感谢感谢/g,
      "",
    );
  return rest.length <= 4;
}

const GREETING =
  /^(请问|喂|大家|各位|小助手|物业|师傅|管家|亲爱的|亲们|亲|哈喽|哈啰|嗨|hi|hello)?(你好|您好|大家好|各位好|在吗|在么|在嘛|在不在|在不|在没|早上好|早安|早啊|早|上午好|中午好|下午好|晚上好|晚安|hello|hi|hey|嗨|哈喽|有人吗|有人在吗|有人在么|有人在不|亲|好)/i;

/** A greeting with nothing else in it ("您好 请问有人吗"). */
export function isGreeting(text: string): boolean {
  const letters = text.replace(LETTERS, "");
  if (!GREETING.test(letters)) return false;
  return (
    letters
      .replace(GREETING, "")
      .replace(
        /请问|有人吗|有人在吗|有人在不|在吗|小助手|助手|机器人|新搬来的|新来的|我是|\d+(栋|号楼)的?|有(个)?事(想|要)?(问|请教|咨询)(一下)?|想问(个事|一下)|问个事/g,
        "",
      ).length <= 2
  );
}

/** What a question that raises no matter asks about: the bot itself, a meeting, or whom to call. */
export type QuestionTopic = "bot" | "meeting" | "contact";

const ABOUT_THE_BOT =
  /你是(不是)?(谁|机器人|真人|人工|ai|人还是|哪位)|(是|你)?(机器人|真人|人工|ai)(吗|嘛|么|还是)|你(能|会|可以)(干|做|帮我?做?)(什么|啥|些什么)|(怎么|如何)用你|你叫(什么|啥)|你是干(什么|啥)的|你(现在)?(能|可以|会)(不能)?(帮我)?(接收|接|收|受理)报修|你(能|会)(不能)?帮我翻译/i;
const ABOUT_A_MEETING =
  /(议事会|议事|例会|开会|会议|居民会|业主大会|协调会|听证会|座谈会|恳谈会|说明会|讨论会|培训)[^，。！？]{0,8}(几点|几号|什么时候|啥时候|哪天|哪一天|在哪|哪里|什么地方|啥地方|地点|时间|开不开|还开吗|报名|参加|通知了没|结束了(吗|没)|是这个|是下个)|会议号|(几点|什么时候|啥时候|哪天|在哪|哪里)[^，。！？]{0,6}(开会|议事会|例会|开议事)|(开会|议事会|业主大会)[^，。！？]{0,8}(能|可以)[^，。！？]{0,4}参加/;
const ABOUT_A_CONTACT =
  /(电话|号码|手机号?|联系方式|微信号?)[^，。！？]{0,6}(多少|是多少|是啥|是什么|有吗|有没有|给(我|一下)|发(我|一下)|告诉)|(怎么|如何|咋)(联系|找到?)(物业|社区|网格员?|书记|居委会|维修|师傅)|(物业|社区|网格员?|书记|居委会|维修|派出所|业委会)[^，。！？]{0,4}(的)?(电话|号码|联系方式)|(打|拨|找)(什么|哪个|啥|谁)的?(电话|号码)|是(打|拨)?\d{3,}吗|\d{3,}(是不是|能不能|可以)|(打|拨)哪(一)?(个|支|部)|^请问[^，。！？\s]{0,10}(电话|号码|联系方式)|(打|拨)[^，。！？]{0,8}还是[^，。！？]{0,4}(打|拨|\d{3}|幺)/;

// Something already over (找到了, 救出来了, 人没事, 虚惊一场, 大家放心) or from elsewhere (看新闻说, 抖音上说)…
// A warning alone (大家小心 井盖没了) says something is wrong now: it is not among these.
const OVER_OR_ELSEWHERE =
  /(找(到|着)了|(揾|搵|寻)(返|番|到)(了|啦|咗)?|救(出来|下来)了?|劝(下来|走)了?|(带|接)(走|回去|返去)了|送(去|咗|到)?医院(了|啦|咗)?|已送医院|(没|冇|无|沒)(人)?(受伤|伤着|大碍)|木(人|啥)?(受伤|事)|(弄|打)(开|出来)了|放出来了|(火|烟)[^，。！？\s]{0,3}灭了|扑灭了|人没事|没事了|没啥大事|没大事|没大碍|虚惊一场|已经(出院|搞掂|救|找|送|处理|修好|弄好)|(看|刷到|睇)(了|到)?(个)?(新闻|抖音|视频|电视)|新闻(上)?(说|话)|电视上说|听说|据说|大家(都)?(放心|不用担心|莫担心|别担心))/;
// …or the same in dialect: 人冇事, 冇得事, 侬无事, 人好好的, 大家都平安, 劝落嚟, 救落来.
const OVER_IN_DIALECT =
  /(人|侬|佢)?(冇得|冇|无|莫得|莫|木得)(啥|乜)?事(了|啦|喇|咯|哩|嘞)?(?![情物])|人好(好的|着哩|好哋)|(大家|人)都平安|劝(开|咗)?(落嚟|落来|开)了?|救(咗)?(落来|落嚟|出嚟)/;
// …asking nothing of anyone: no request, no remaining fault, no 但是.
const ASKS_FOR_SOMETHING =
  /能不能|可不可以|是不是(也|该|得|要)|得(管|查|锁|修|看|装|弄|宣传)|该(管|查|修|装|找)|建议|找谁|谁(赔|管|负责)|管管|但是?|不过|but|可是|就是|还(得|要|是|没)|要求|希望|麻烦|请|物业|社区|保安(能|要|得)|排查|检查|检测|年检|登记|装(个|几个)|赔|多久|会不会|了没|吗|么|[？?]|(咱|我们|俺们)(小区|楼|这里|这边|这些|那些|楼道|家)/i;

// …and tells the group so: 大家放心, 别担心, 散了吧.
const REASSURES = /(大家|各位|街坊|邻居们|大伙)(都)?(放心|不用担心|莫担心|别担心|唔使担心|唔好担心|散了吧|散咗|散了)/;

// …unless it goes on to something wrong now: 「…还好人没事 现在又有人推进去充了」.
const AGAIN_NOW = /现在|而家|依家|又|仍/;

/**
 * An account of something over that puts the group at ease and names nothing wrong now (「…已经被警察带走了
 * 没人受伤 大家放心」): group chat whatever the intent model reads, since nothing is left to do.
 */
export function isReassuringAccount(text: string): boolean {
  return isAccountWithNothingAsked(text) && REASSURES.test(text) && !AGAIN_NOW.test(text);
}

// News of another place, told as news (看新闻说, 刚看了个视频, 电视上讲): not this estate's matter unless it asks
// something of it or turns to the estate's own things (咱这, 咱们电梯, 阿拉小区, 我们这).
const NEWS_FROM_ELSEWHERE = /(看|刷|睇)(了|到|咗)?(个|条)?(新闻|抖音|视频)|新闻(上)?(说|话|讲)|电视(上|里)(说|讲|报)/;
const OUR_OWN = /咱|我们|俺们|阿拉|我哋|我地|本小区|这边|这里|我家|我屋/;

/** News of somewhere else told to the group as a warning (「看新闻说…大家洗澡记得开窗」), asking nothing of the estate. */
export function isNewsFromElsewhere(text: string): boolean {
  return NEWS_FROM_ELSEWHERE.test(text) && !ASKS_FOR_SOMETHING.test(text) && !OUR_OWN.test(text);
}

// The words of asking itself (请问, 不好意思, 想问一下): polite, not a sign that something is wrong.
const ASKING = /请问|想问(一下|下)?|问(一)?下|不好意思|打扰(一下)?|麻烦问(一下|下)?/g;

/** The line without its polite asking words, to see whether it names anything wrong. */
export function withoutAsking(text: string): string {
  return text.replace(ASKING, "");
}

/**
 * An account of something that is over, or of news from elsewhere, that asks nothing (「刚才走丢那个小孩找到了
 * 大家放心」, 「看新闻说…大家带娃看紧点」): group chat, not a matter to file. One that still asks for something
 * (「…找到了 但地库入口没人看 得管管」) is a report.
 */
export function isAccountWithNothingAsked(text: string): boolean {
  return (OVER_OR_ELSEWHERE.test(text) || OVER_IN_DIALECT.test(text)) && !ASKS_FOR_SOMETHING.test(text);
}

// A story of long ago (去年, 前年, 上年, 以前, 前几年, 小时候), told as a story (后来, 还好, 幸好, 想起来还后怕, 吓死人)…
const LONG_AGO = /^(去年|前年|上年|以前|从前|前些年|前几年|前两年|几年前|好多年前|那年|当年|想当年|小时候|七几年|八几年|九几年)/;
const TOLD_AS_A_STORY = /后来|后头|之后|最后|还好|好在|好彩|幸好|幸得|幸亏|想起来|还记得|记得吧|吓死|后怕|吓到|好可怜|难过|唉|那回|那次/;
// …that says nothing of now, asks nothing and blames no one (「去年那次爆水管…物业讲要换管 到现再都冇换」 is a report).
const NOW_OR_ASKED =
  /现在|而家|依家|今儿|到今|至今|一直|又|还是|还(没|冇|未)|仍|今年|这次|今天|吗|么|[？?]|能不能|可不可以|建议|希望|要求|麻烦|请|得(管|查|修|看|装|弄|锁)|该|物业(要|得|该|记得)|没人|冇人|不管|动静|赔|坏|随便|换|没有|冇|最好/;

/**
 * A story of something long over (「前几年冬天2幢有家人烧炭差点中毒 后来救过来了 大家当心啊」): group chat, however
 * grave the thing it tells of, as long as it says nothing of now and asks for nothing.
 */
export function isStoryOfLongAgo(text: string): boolean {
  return LONG_AGO.test(text) && TOLD_AS_A_STORY.test(text) && !NOW_OR_ASKED.test(text);
}

// Staff telling the group of planned works (停水、停电、维保、消杀… in a time window) or of a round found in order
// (巡检完毕 各设备运行正常): a notice, not a matter to file, as long as it says nothing is wrong or late and asks for no rule.
const PLANNED_WORKS = /停水|停电|停气|维保|保养|检修|消杀|巡检|施工|演练|清洗水箱/;
const TIME_WINDOW = /\d{1,2}[:：]\d{2}\s*[-~－—到至]\s*\d{1,2}[:：]\d{2}|\d{1,2}点半?\s*(到|至|-|~|—)\s*\d{1,2}点|\d{1,2}点半?开始|期间|届时/;
const ALL_IN_ORDER = /(运行|一切|均|都)正常|(巡检|检查|消杀|施工|维保)(已)?(完毕|结束)/;
const SOMETHING_WRONG_OR_LATE = /还|没|冇|未|不|别|吗|么|[？?]|怎么|咋|点解|为什么|到底|建议|要求|规定|禁止|希望|能否/;

/** A notice of planned works or an all-clear, as staff post them ("1.今日消杀安排 2.地库… 3.下午3点开始"). */
export function isWorksNotice(text: string): boolean {
  if (SOMETHING_WRONG_OR_LATE.test(text)) return false;
  return (PLANNED_WORKS.test(text) && TIME_WINDOW.test(text)) || ALL_IN_ORDER.test(text);
}

// A number that does not answer (打不通, 没人接, 空号, 忙音), is rude, or is a scam's (冒充…打电话) is a complaint about
// a service, not a question for a number, unless the line asks for another one (还有别的号码吗, 谁有…手机号).
const PHONE_FAULT =
  /(电话|号码|热线|手机|客服|打)[^。！？]{0,12}(打不通|没人接|莫人接|冇人听|冇人接|无人接|不接|空号|忙音|占线|就挂|挂了|态度)|冒充[^。！？]{0,6}(打电话|电话)/;
const ASKS_FOR_A_NUMBER =
  /(号码|电话|手机号?|联系方式)[^。！？]{0,6}(多少|几多|是啥|是什么|哪个|谁有|谁知道|有人知道|有吗|有么|有没有|换了|发一个|给一个|能给|给(我|一下))|(别的|其他|其它|新的?|另外的?)(号码|电话|联系方式)|有没有别的|(谁|哪位|有人)(有|知道)[^。！？]{0,8}(电话|号码|手机)|(打|拨)(哪个|什么|啥)|(经理|值班|夜间|24小时)[^。！？]{0,3}(电话|手机号?)(?![^。！？]{0,6}(打不通|没人接|不接|空号|忙音|占线))|换(了)?(号|号码)|(号码|电话|点话|座机)(是不是)?换(了|咗)|(有冇|有没得|有没有)[^。！？\s]{0,6}(微信|电话|号码|点话)|(微信|电话)或者(电话|微信)|(电话|点话|号码)(有没得|有冇|多少)/;

/** A complaint that a phone number does not answer (or is a scam's), which asks for no other number. */
export function complainsOfAPhone(text: string): boolean {
  return PHONE_FAULT.test(text) && !ASKS_FOR_A_NUMBER.test(text);
}

// A one-off errand among neighbours: something found or lost (捡到一串钥匙, 谁丢的), a parcel left at the wrong door,
// a shared order or ride (拼单, 拼车). Not when it happens again and again (快递老送错), blames the estate (门牌, 指示牌
// 写错) or asks for something to be set up (建议, 希望).
const NEIGHBOURLY_ERRAND =
  /捡到|捡着|执到|拾到|谁丢的|(快递|外卖|包裹)[^，。！？]{0,4}(送错|放错|寄错|错放)|(送错|放错|寄错)[^，。！？]{0,3}(快递|外卖|包裹)|拼(车|单|团)|团购[^，。！？]{0,6}(到了|到咗|拎|取)/;
const HABIT_OR_BLAME = /老|总|天天|又|经常|每次|第.回|回了|次了|建议|希望|门牌|指示牌|写错|被|碎|物业|坏|漏/;

/** A neighbour's one-off errand (lost and found, a misdelivered parcel, a shared order): not the estate's matter. */
export function isNeighbourlyErrand(text: string): boolean {
  return NEIGHBOURLY_ERRAND.test(text) && !HABIT_OR_BLAME.test(text);
}

/** A question about the bot, a meeting or a phone number, which names no problem of its own. */
export function readQuestion(text: string): QuestionTopic | null {
  if (ABOUT_THE_BOT.test(text)) return "bot";
  if (ABOUT_A_MEETING.test(text)) return "meeting";
  if (ABOUT_A_CONTACT.test(text)) return "contact";
  return null;
}

/** Letters, digits and signs with no Chinese word among them and no known short word ("asdfgh 123"). */
export function isGibberish(text: string): boolean {
  if (/\p{Script=Han}/u.test(text)) return false;
  const letters = text.replace(LETTERS, "");
  return !/^(ok|okay|hi|hello|hey|help|3q|thx|thanks)$/i.test(letters);
}

/** The time, place and subject of a meeting announced in words, as a staff member would write it. */
export interface AnnouncedMeeting {
  time: string | null;
  place: string | null;
  subject: string | null;
}

// A meeting already held is an account, not an announcement: "上周六开了协调会，说好的…".
const MEETING_IN_THE_PAST = /开(了|过)|(上|前)(个)?(周|星期|礼拜|月)|昨天|前天|已经/;
const MEETING_WORD = /(开|召开|举行|举办|组织)[^，。！？]{0,3}(议事会|会议|例会|居民会|协商会|恳谈会|会)/;
const DAY =
  "(今天|今晚|明天|明晚|后天|大后天|(本|这|下|下下)(个)?(周|星期|礼拜)[一二三四五六日天1-7]|(周|星期|礼拜)[一二三四五六日天1-7]|\\d{1,2}月\\d{1,2}(日|号)|\\d{1,2}(日|号))";
const PART_OF_DAY = "(早上|上午|中午|下午|傍晚|晚上|晚)";
const CLOCK = "((\\d{1,2}|[一二两三四五六七八九十]{1,3})(点|:|：)(半|\\d{1,2}分?|[一二三四五六七八九十]{1,3}分?|一刻|三刻)?)";
const ANNOUNCED_TIME = new RegExp(`${DAY}${PART_OF_DAY}?${CLOCK}?|${PART_OF_DAY}${CLOCK}|${CLOCK}`);
const ANNOUNCED_PLACE = /在([^，。！？\s]{2,16}?)(开|召开|举行|举办|组织)/;
const ANNOUNCED_SUBJECT = /(商量|讨论|议一议|议议|说说|研究|协商|聊聊|关于)(一下)?([^。！？]{2,40})/;

/**
 * A meeting told of as already held (「上周六开了协调会，说好的…到现在也没人来修」): an account, often of a promise
 * not kept, never an announcement whatever the intent model reads.
 */
export function tellsOfAMeetingHeld(text: string): boolean {
  return MEETING_WORD.test(text) && MEETING_IN_THE_PAST.test(text);
}

/** A meeting announced in words ("下周三晚上七点半在社区活动室开议事会，商量…"), or null. */
export function readMeetingAnnouncement(text: string): AnnouncedMeeting | null {
  if (!MEETING_WORD.test(text) || MEETING_IN_THE_PAST.test(text)) return null;
  const time = ANNOUNCED_TIME.exec(text)?.[0] ?? null;
  if (!time) return null;
  const place = ANNOUNCED_PLACE.exec(text)?.[1] ?? null;
  const subject =
    ANNOUNCED_SUBJECT.exec(text)?.[3]
      ?.replace(/[，,。.!！\s]+$/, "")
      .replace(/^(的事|的)/, "") ?? null;
  return { time, place, subject };
}

const BARE_RATINGS: [RegExp, Rating][] = [
  [/^(?:很不满意|非常不满意|不满意)/, "unsatisfied"],
  [/^基本满意/, "basically_satisfied"],
  [/^(?:非常满意|很满意|满意)/, "satisfied"],
];
/** What may follow 满意 or 基本满意 in a bare rating: nothing but punctuation and thanks. */
const NOTHING_MORE = /^[\s,，。.!！~～]*(?:谢谢[\s\S]{0,6})?$/;

/**
 * A bare rating, as the rating request invites: 满意, 基本满意, or 不满意 with the reason after it. Words that
 * merely start like one (满意度调查…) are not. The ticket it rates is found from the sender's matters.
 */
export function readBareRating(text: string): { rating: Rating; comment: string | null } | null {
  for (const [pattern, rating] of BARE_RATINGS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const rest = text.slice(match[0].length);
    if (rating !== "unsatisfied") return NOTHING_MORE.test(rest) ? { rating, comment: null } : null;
    const comment = rest.replace(/^[\s,，。.:：;；!！、-]+/, "").trim();
    return { rating, comment: comment || null };
  }
  return null;
}
