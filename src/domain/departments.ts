/**
 * County departments. The defaults are the first-level categories of the 12345 citizen hotline (the model in
 * bot/department.ts is trained on real 12345 messages and answers one of those) and the two departments
 * urgent matters most often need (special equipment, emergencies). At the top level the bot suggests one;
 * staff confirm with 派单 N <部门>. A deployment names its own in the POLICY_FILE (`departments`).
 */
export const COUNTY_DEPARTMENTS: readonly string[] = [
  "劳动和社会保障",
  "城乡建设",
  "教育文体",
  "卫生计生",
  "交通运输",
  "商贸旅游",
  "环境保护",
  "市场监管",
  "应急管理",
];

/**
 * Matters with an obvious department, decided by rule before the model guesses: by hazard (bot/urgency.ts's
 * ids), by words in the matter, then by category. Each rule lists departments in order of preference; the
 * first the deployment knows is taken, so a deployment without 应急管理 still gets 城乡建设 for gas.
 */
export interface DepartmentPolicy {
  /** The departments 派单 accepts and suggestions choose from. */
  known: readonly string[];
  byHazard: Readonly<Record<string, readonly string[]>>;
  /** Words (a regular expression's source) and the departments a matter saying them goes to. */
  byWords: readonly { words: string; departments: readonly string[] }[];
  /** Category ids (bot/taxonomy.ts). */
  byCategory: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_DEPARTMENT_POLICY: DepartmentPolicy = {
  known: COUNTY_DEPARTMENTS,
  byHazard: {
    // A lift is special equipment (特种设备): 市场监管 answers for its safety, not the trade bureau.
    lift: ["市场监管", "城乡建设"],
    // Gas pipes and supply are 住建 (燃气); a leak in progress is also an emergency.
    gas: ["城乡建设", "应急管理"],
    fire: ["应急管理"],
    collapse: ["应急管理", "城乡建设"],
    falling: ["城乡建设", "应急管理"],
    burstPipe: ["城乡建设"],
    waterElectric: ["城乡建设", "应急管理"],
    electric: ["城乡建设", "应急管理"],
    medical: ["卫生计生"],
  },
  byWords: [
    { words: "电梯|扶梯|特种设备", departments: ["市场监管", "城乡建设"] },
    { words: "燃气|煤气|天然气|液化气", departments: ["城乡建设", "应急管理"] },
    { words: "消防|火灾|着火|起火", departments: ["应急管理"] },
  ],
  byCategory: {
    noise: ["环境保护"],
  },
};

export function isCountyDepartment(name: string, known: readonly string[] = COUNTY_DEPARTMENTS): boolean {
  return known.includes(name);
}

/** What the rules read of a matter. */
export interface DepartmentCase {
  text: string;
  hazard: string | null;
  category: string;
}

/** The department the rules give a matter, among those the deployment knows, or null to let the model guess. */
export function ruledDepartment(matter: DepartmentCase, policy: DepartmentPolicy = DEFAULT_DEPARTMENT_POLICY): string | null {
  const firstKnown = (candidates: readonly string[] | undefined) => candidates?.find((name) => policy.known.includes(name)) ?? null;
  const byHazard = matter.hazard ? firstKnown(policy.byHazard[matter.hazard]) : null;
  if (byHazard) return byHazard;
  for (const rule of policy.byWords) {
    if (!new RegExp(rule.words).test(matter.text)) continue;
    const found = firstKnown(rule.departments);
    if (found) return found;
  }
  return firstKnown(policy.byCategory[matter.category]);
}
