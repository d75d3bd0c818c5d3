import type { HelpSection } from "../bot/commandSyntax.ts";

/** The sentences of the message door itself: help, apologies, senders the bot does not know yet. */

export const APOLOGY = "抱歉，系统刚才出了点问题，请稍后再发一次。";
export const PRIVATE_UNKNOWN = "您好！我还不知道您住在哪个小区。请先在所在小区的议事群里 @我 说一句话，或请网格员把您加入小区，之后就可以在这里私信反映问题。";

export const helpIntro = (botName: string) => [`我是${botName}，@我 说出问题就能登记工单，例如：`, `「@${botName} 3号楼2单元楼道灯不亮」`];

/** The help text's lines, in order; staff sections are shown to staff only. */
export const HELP_SECTIONS: readonly { section: HelpSection; title: string; staffOnly: boolean }[] = [
  { section: "residents", title: "居民可用", staffOnly: false },
  { section: "meetings", title: "议事会", staffOnly: false },
  { section: "staff", title: "工作人员", staffOnly: true },
  { section: "organising", title: "组织议事", staffOnly: true },
  { section: "admin", title: "群管理", staffOnly: true },
];

export const suggestion = (command: string) => `您是想「${command}」吗？确认的话请照这样再发一次。`;

export const GREETING = "您好！有问题 @我 直接说，例如「3号楼2单元楼道灯不亮」；发「帮助」看能做什么。";

export const THANKS = "不客气，有事随时 @我。";

/** Answers to questions that raise no matter: nothing is filed. */
export const ABOUT_THE_BOT = (botName: string) =>
  `我是${botName}，一个自动登记和跟进问题的机器人，不是真人。@我 说出问题（哪栋哪单元、什么情况）就能登记工单；要找人请 @群里的网格员或书记。`;
export const CONTACT_QUESTION = "我这里查不到电话号码，请 @群里的网格员或书记，或看小区公告栏。有问题要办也可以直接 @我 说明，我来登记。";
export const GIBBERISH_HINT = "没看懂这条消息。有问题请 @我 用一句话说清楚在哪、什么情况，例如「3号楼2单元楼道灯不亮」；发「帮助」看能做什么。";
export const UNCLEAR_HINT = "这条消息里没看出要办的问题，所以没有登记。要反映问题，请写清在哪、什么情况，例如「3号楼2单元楼道灯不亮」；发「帮助」看能做什么。";
/**
 * Added to a hint when the message was written mostly in English or another Latin script (toneless pinyin too), which
 * the bot reads poorly: how to get help now, in Chinese for a resident who types pinyin, and in English.
 */
export const LATIN_SCRIPT_HINT =
  "如果有人正处在危险中，请先拨打 110（报警）、119（火警）或 120（急救），再在群里说清在哪、什么情况。\n" +
  'I read Chinese best and may have missed your message. If anyone is in danger now, call 110 (police), 119 (fire) or 120 (ambulance) first, then tell us where and what happened, e.g. "Building 3 lift stuck, person inside".';
export const NOTHING_TO_RATE = "您现在没有等待评价的工单。要评价请带上编号，例如「评价 3 满意」；发「我的」看您反映过的事项。";
export const NO_MEETING_SCHEDULED = "近期还没有安排议事会，安排好后会在群里发通知。";
export const nextMeeting = (when: string, place: string, topic: string, number: number) =>
  `下一次议事会：${when}，${place}，议题「${topic}」（#${number}）。发「报名 ${number}」可以报名。`;
/** A meeting announced in words by staff: the command to publish it, with their own words filled in. */
export const announceAsCommand = (time: string | null, place: string | null, subject: string | null) =>
  `要发布议事会，请发：新建议事会 ${time ?? "时间"} ${place ?? "地点"} ${subject ?? "主题"}\n发出后我会在群里公示并按时提醒。`;
