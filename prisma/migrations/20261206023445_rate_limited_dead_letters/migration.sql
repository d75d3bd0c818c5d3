-- Dead letters that died of a rate limit (HTTP 429, WeCom 45009, DingTalk 130101) before rate limits stopped
-- counting as attempts: marked as the worker now marks a rate limit, so they are re-queued, as an outage's
-- are, when their platform answers again.
UPDATE "BotPost"
SET "lastError" = 'rate limited: ' || "lastError"
WHERE "status" = 'dead'
  AND (
    "lastError" = 'http 429'
    OR ("channel" LIKE 'wecom%' AND "lastError" LIKE 'errcode 45009:%')
    OR ("channel" LIKE 'dingtalk%' AND "lastError" LIKE 'errcode 130101:%')
  );
