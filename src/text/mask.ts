const MOBILE_NUMBER = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** 13812341234 → 138****1234: what the group and the logs see of a phone number. */
export function maskPhoneNumbers(text: string): string {
  return text.replace(MOBILE_NUMBER, "$1****$2");
}
