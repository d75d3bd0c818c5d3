import { maskedPhoneNumber, replacePhoneNumbers } from "./phone.ts";

/**
 * Every phone number, in any form the phone reader knows, as 138****5678 (a landline as 0539-****567):
 * what residents' groups and the logs see of a phone number.
 */
export function maskPhoneNumbers(text: string): string {
  return replacePhoneNumbers(text, maskedPhoneNumber);
}
