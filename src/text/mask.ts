import { isPersonal, maskedPhoneNumber, replacePhoneNumbers } from "./phone.ts";

/**
 * Every phone number, in any form the phone reader knows, as 138****5678 (a landline as 0539-****567):
 * what residents' groups and the logs see of a phone number. A company's 400/800 service number is public
 * (residents need the property company's hotline), so it stays as written.
 */
export function maskPhoneNumbers(text: string): string {
  return replacePhoneNumbers(text, (phone, written) => (isPersonal(phone) ? maskedPhoneNumber(phone) : written));
}
