/**
 * The words that name a hazard or a sign of it, wider than urgency.ts's cues (which say it is happening now):
 * a possible danger read by the models alone carries a hazard's advice only when the line names that hazard or
 * a sign of it. Gas advice on 「301漏水」 or on 「地下车库入口」 tells a resident about a smell they never
 * mentioned. Dialect and voice slips are here as in the rules: 然气, 燃汽, 漏汽, 着伙, 反映, 跌亲, 唔郁.
 */
import type { HazardId } from "./urgency.ts";

const WATER =
  /水管|管子|管道|暖气(管|片)|地暖|消防管|爆管|阀门|总阀|漏水|渗水|滴水|冒水|喷水|反水|溢|积水|进水|淹|水漫|涨水|灌水|泡水|(水|雨).{0,3}(漫|灌|流|涌|冲|往下)|漏(了|得|个不停|谁)|爆了|崩了|裂(了|开)/;
const ELECTRIC = /电线|电缆|线皮|漏电|触电|电(到|麻)|插座|插线板|电箱|配电|电闸|电表|开关|火花|火星|打火|短路|跳闸|焦(糊)?味|滋滋|噼啪|充电|飞线|带电/;

export const HAZARD_SIGNS: Record<HazardId, RegExp> = {
  lift: /电梯|轿厢|升降梯|货梯|客梯|[点店]梯|电[体题提]|店提|点题|(?<![楼扶])梯/,
  fire: /(?<![燃然])火|着伙|(?<!抽|吸|二手)烟(?!头|蒂)|烧|焦|燶|糊味|浓烟|冒烟/,
  gas: /瓦斯|燃气|[燃然]起(?!来)|煤气|天然气|液化气|然气|燃汽|煤汽|气罐|漏气|漏汽|气味|臭鸡蛋|臭味|怪味|异味|一股.{0,6}味|味道?.{0,3}(大|重|冲|浓|呛)|闻到|嘶嘶/,
  carbonMonoxide: /一氧化碳|排气管|暖风|没熄火|尾气|热水炉|煤炉|炉子|炭|火盆|蜂窝煤|煤球|烤火|取暖|热水器|中毒|头晕|头(疼|痛)|恶心|想吐|叫不醒/,
  electric: new RegExp(`${ELECTRIC.source}|麻手|电.{0,4}麻|静电`),
  waterElectric: new RegExp(`(${WATER.source}|水|雨)[^]*(${ELECTRIC.source}|灯|电梯井)|(${ELECTRIC.source}|灯|电梯井)[^]*(${WATER.source}|水|雨)`),
  burstPipe: WATER,
  falling: /掉|飞下来|翘起|坠|砸|(?<!角|段|部)落(下|地)|松(了|动|咗)|摇摇|晃|高空|抛|扔|脱落|外墙|瓷砖|玻璃|广告牌|招牌|树枝|外机|花盆/,
  collapse: /塌|垮|往下滚|鼓起|咯吱|耷拉|(裂|墙|地)缝|裂|歪|倾斜|倒(了|下)|脚手架|塔吊|沉降|鼓包|下沉|凹|晃|地震|咔咔/,
  medical:
    /摔|独居|敲门.{0,4}(没|不)(应|开)|坐(在|喺)地|没动|不舒服|唔舒服|哼哼|咕咚|拍不醒|喘气|跌|滑倒|倒地|倒在|晕|昏|血|受伤|伤(了|到)|病|疼|痛|喘|呼吸|心脏|心口|抽搐|救护车|120|反应|反映|不动|唔郁|躺|起不来|叫不醒|喊不应|不省人事|中暑|溺水/,
  violence: /打(人|架|起来|伤|老婆|老公|孩子)|动手|砍|刀|斧|棍|抢劫|家暴|行凶|砸(门|东西|车)|弄死|杀|吵(架|起来)|推了|打起|闹事|威胁|110|报警/,
  selfHarm: /跳(楼|下去)|自杀|轻生|想不开|不想活|活不下去|寻短见|割腕|安眠药|农药|遗言|烧炭/,
  child: /孩子|痴呆|糊涂|跑出去|小妹妹|小弟弟|小孩|儿童|女儿|儿子|闺女|孙|小朋友|男孩|女孩|宝宝|娃|小学生|细路|细崽|细囝|小囡|BB|走丢|走失|失踪/,
  animal: /狗|犬|呲牙|低吼|流口水|见人就|冲人|扑过来|咬|蛰|蜇|叮|扑(人|上来|倒)|追(着|住)?(人|咬|小孩|孩子|老人)|疯狗|恶犬|獒|蛇|蜂|野猪|猴/,
  lockedIn:
    /反锁|后座|后排|(车窗|窗户|窗玻璃).{0,3}(全|都)?(关|没开)|锁(车|屋|家)|钥匙.{0,6}(里|屋)|(车|屋|房)(里|内|入面)|在里(面|头|边)|关了一只|锁(在|住|着|了|咗|死)|关(在|住|着)|困(在|住|着)|出不(来|去)|打不开|开不了|开不开|拉不开|推不开|出唔/,
  ledge: /楼顶|顶楼|顶上.{0,8}人|人影|女儿墙|屋顶|房顶|天台|窗台|窗外|窗户外|阳台外|栏杆|护栏|外机架|雨棚|屋檐|站在|坐在|爬(上|到|出)/,
};

/** Whether the text names the hazard or a sign of it. */
export function namesHazard(text: string, hazard: HazardId): boolean {
  return HAZARD_SIGNS[hazard].test(text);
}
