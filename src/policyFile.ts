import { readFileSync } from "node:fs";
import { ConfigError } from "./config.ts";
import { applyPolicyOverride, DEFAULT_POLICY, type Policy } from "./domain/policy.ts";

/** The policy in force: the defaults, with POLICY_FILE applied; a bad file stops start-up with one line. */
export function loadPolicy(path: string | undefined): Policy {
  if (!path) return DEFAULT_POLICY;
  try {
    return applyPolicyOverride(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    const detail = issue ? `${issue.path.join(".")}: ${issue.message}` : (error as Error).message;
    throw new ConfigError(`配置错误：POLICY_FILE=${JSON.stringify(path)} 无效（${detail}）`);
  }
}
