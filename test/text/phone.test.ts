import { describe, expect, it } from "vitest";
import { findPhoneNumbers } from "../../src/text/phone.ts";
import { maskPhoneNumbers } from "../../src/text/mask.ts";
import { PHONE_FORMS, SERVICE_NUMBERS } from "../fixtures/phoneNumbers.ts";

describe("the phone-number reader", () => {
  it.each(PHONE_FORMS)("reads %s whole, and masks it as %s", (phone, masked) => {
    const text = `有事打${phone}找我`;
    const [found, ...more] = findPhoneNumbers(text);
    expect(more).toEqual([]);
    expect(text.slice(found!.start, found!.end)).toBe(phone);
    expect(maskPhoneNumbers(text)).toBe(`有事打${masked}找我`);
  });

  it.each(SERVICE_NUMBERS)("reads the service number %s whole, and leaves it as it is (a company's public hotline)", (phone) => {
    const text = `物业热线${phone}，有事打`;
    const [found, ...more] = findPhoneNumbers(text);
    expect(more).toEqual([]);
    expect(found!.kind).toBe("service");
    expect(text.slice(found!.start, found!.end)).toBe(phone);
    expect(maskPhoneNumbers(text)).toBe(text);
  });

  it("reads a mobile number next to a name's numeral or a mixed-script neighbour", () => {
    expect(maskPhoneNumbers("找张三13812345678")).toBe("找张三138****5678");
    expect(maskPhoneNumbers("找张三一三八一二三四五六七八")).toBe("找张三138****5678");
    expect(maskPhoneNumbers("万一一三八一二三四五六七八打不通")).toBe("万一138****5678打不通");
    expect(maskPhoneNumbers("3号楼一38一二34五678")).toBe("3号楼138****5678");
  });

  it.each([
    ["电话12345678", "电话****5678"],
    ["座机：8123 4567", "座机：****4567"],
    ["固话 7654321", "固话 ****321"],
  ])("reads a local number after 电话/座机: %s", (text, masked) => {
    expect(maskPhoneNumbers(text)).toBe(masked);
  });

  it("reads several numbers, and one next to other digits", () => {
    expect(maskPhoneNumbers("电话13812341234，备用 15900001111")).toBe("电话138****1234，备用 159****1111");
    expect(maskPhoneNumbers("13812345678 13987654321")).toBe("138****5678 139****4321");
    expect(maskPhoneNumbers("3号楼302 13812345678 周末在家")).toBe("3号楼302 138****5678 周末在家");
  });

  it.each([
    "#12",
    "工单 #12 已办结",
    "2026-12-06",
    "2026-12-06 13:45",
    "12月20日19:30",
    "10:30到12:00",
    "1201室",
    "12号楼3单元502",
    "3-2-301",
    "1500元",
    "物业费 12345678 元", // eight digits with no 电话 before them
    "订单号 2381234123456",
    "编号 86 539 1234567",
    "身份证尾号 1234",
    "96333",
    "95598",
    "拨打 95588 热线",
    "版本 1.38.1234",
    "12.5元",
    "2026.12.06",
    "2026/12/06 19:30",
    "3/2/301",
    "138_1234",
    "服务器 192.168.10.100",
    "拨打 12345 热线",
    "三零一室",
    "第一二三期",
    "138****5678",
    "订阅日历：https://bot.example.cn/calendar/groups/g-1.ics?token=a13812345678-1234-5678b",
    "照片：https://bot.example.cn/attachments/3?expires=17649888001&sig=x",
  ])("leaves %s alone", (text) => {
    expect(findPhoneNumbers(text)).toEqual([]);
    expect(maskPhoneNumbers(text)).toBe(text);
  });
});
