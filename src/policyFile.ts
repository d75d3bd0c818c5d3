import { readFileSync } from "node:fs";
import { ConfigError } from "./config.ts";
import { applyPolicyOverride, DEFAULT_POLICY, withCurrentKeyNames, type Policy } from "./domain/policy.ts";
import type { Logger } from "./logger.ts";

/**
 * The policy in force: the defaults, with POLICY_FILE applied; a bad file stops start-up with one line. A file
 * still using an old key name is read as its current name, with a warning naming each key to rename.
 */
export function loadPolicy(path: string | undefined, logger?: Pick<Logger, "warn">): Policy {
  if (!path) return DEFAULT_POLICY;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    const { deprecated } = withCurrentKeyNames(parsed);
    if (deprecated.length) {
      logger?.warn({ policyFile: path, deprecated }, "POLICY_FILE uses old key names (acceptWithinHours/acceptSameDay): write accept instead");
    }
    return applyPolicyOverride(parsed);
  } catch (error) {
    const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    const detail = issue ? `${issue.path.join(".")}: ${issue.message}` : (error as Error).message;
    throw new ConfigError(`配置错误：POLICY_FILE=${JSON.stringify(path)} 无效（${detail}）`);
  }
}
