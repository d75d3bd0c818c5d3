/**
 * What the rules say when they refuse, in the words users read. The rules stay pure and in English;
 * their wording is kept here so it can be reviewed with the features' texts (features/…/texts.ts).
 */

export const PERMISSION_TEXTS = {
  rateOwnOnly: (n: number) => `只有反映人本人可以评价工单 #${n}。`,
  withdrawOwnOrStaff: (n: number) => `只有反映人本人或工作人员可以撤回工单 #${n}。`,
  staffStep: (n: number) => `这一步需要本小区的书记、网格员等工作人员来操作，你可以发「进度 ${n}」查看进展。`,
  outOfScope: (n: number) => `工单 #${n} 不在你负责的范围内。`,
  notVisible: (n: number) => `工单 #${n} 不是本小区的事项，无法查看。`,
  staffAnywhere: "这一步需要工作人员来操作。",
  groupStaff: "这一步需要本小区的书记、网格员等工作人员来操作。",
  chair: "这一步需要话事员（主持人）或书记来操作。",
  groupAdmin: "只有书记、网格员或管理员可以设置角色。",
};
