/**
 * County departments, after the first-level categories of the 12345 citizen hotline. At the top level the
 * bot suggests one (bot/department.ts, a model trained on real 12345 messages); staff confirm with
 * 派单 N <部门>.
 */
export const COUNTY_DEPARTMENTS: readonly string[] = ["劳动和社会保障", "城乡建设", "教育文体", "卫生计生", "交通运输", "商贸旅游", "环境保护"];

export function isCountyDepartment(name: string): boolean {
  return COUNTY_DEPARTMENTS.includes(name);
}
