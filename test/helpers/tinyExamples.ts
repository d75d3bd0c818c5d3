/** Six short lines of two categories: enough for a model trained in a test to learn something and to be stored. */
export const TINY_CATEGORY_EXAMPLES = [
  { text: "电梯坏了", label: "repair" },
  { text: "楼道灯不亮了", label: "repair" },
  { text: "水管漏水", label: "repair" },
  { text: "楼下太吵了", label: "noise" },
  { text: "半夜装修噪音", label: "noise" },
  { text: "广场舞太吵", label: "noise" },
];
