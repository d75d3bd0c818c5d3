import { predict } from "./classifier/linearModel.ts";
import { bundledModels, type Models } from "./classifier/models.ts";

/**
 * The county department (12345's seven first-level departments) a matter most likely belongs to, with the
 * model's probability. Always one: staff confirm or change it with 派单, so a best guess saves them a step,
 * and on the TipDM test messages the best guess is right about nine times in ten (see the README).
 */
export function suggestDepartment(text: string, models: Models = bundledModels()): { name: string; confidence: number } {
  const prediction = predict(models.department, text);
  return { name: prediction.label, confidence: prediction.probability };
}
