import { describe, expect, it } from "vitest";
import { maskPhoneNumbers } from "../../src/text/mask.ts";

describe("phone masking", () => {
  it("masks mobile numbers", () => {
    expect(maskPhoneNumbers("电话13812341234，备用 15900001111")).toBe("电话138****1234，备用 159****1111");
    expect(maskPhoneNumbers("订单号 2381234123456")).toBe("订单号 2381234123456");
  });
});
