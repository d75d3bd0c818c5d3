/**
 * Signing in through the platform the page is opened in. DingTalk's 免登: inside the DingTalk app the page asks
 * the app itself (window.dd, provided by the container; no script is loaded from anywhere) for an authCode,
 * which the server trades for the user. Null when the page is not in such an app or the app offers no call.
 */
export function containerCode(method) {
  const dd = window.dd;
  if (!dd || !navigator.userAgent.includes(method.userAgentMark)) return null;
  const ask = (resolve, reject) => {
    const fail = (error) => reject(new Error(`${method.label}失败：${error?.errorMessage ?? error?.message ?? JSON.stringify(error)}`));
    if (dd.runtime?.permission?.requestAuthCode) {
      dd.runtime.permission.requestAuthCode({ corpId: method.corpId, onSuccess: (result) => resolve(result.code), onFail: fail });
    } else if (dd.getAuthCode) {
      dd.getAuthCode({ corpId: method.corpId, success: (result) => resolve(result.authCode ?? result.code), fail });
    } else resolve(null);
  };
  return new Promise((resolve, reject) => (typeof dd.ready === "function" ? dd.ready(() => ask(resolve, reject)) : ask(resolve, reject)));
}
