import { describe, expect, it } from "vitest";
import { appKeys, openAppCallback } from "../../../src/platforms/wecom/app.ts";
import { CallbackRejected, openCiphertext, sealReply } from "../../../src/platforms/wecom/crypto.ts";
import { verifyRobotUrl } from "../../../src/platforms/wecom/robot.ts";

// WeCom's official worked example (PROTOCOLS.md, vector A).
const A = appKeys("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7");
const A_GET = {
  msg_signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
  timestamp: "1409659589",
  nonce: "263014780",
  echostr: "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
};
const A_POST = { msg_signature: "477715d11cdb4164915debcba66cb864d751f3e6", timestamp: "1409659813", nonce: "1372623149" };
const A_ENCRYPT =
  "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
const A_XML = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${A_ENCRYPT}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;

// The newer official sample with multi-byte content (vector B).
const B = appKeys("hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", "ww1436e0e65a779aee");
const B_GET = {
  msg_signature: "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
  timestamp: "1476416373",
  nonce: "47744683",
  echostr: "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
};
const B_POST = { msg_signature: "0c3914025cb4b4d68103f6bfc8db550f79dcf48e", timestamp: "1476422779", nonce: "1597212914" };
const B_ENCRYPT =
  "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";

describe("WeCom callback crypto", () => {
  it("verifies the URL of the official example", () => {
    expect(verifyRobotUrl(A, A_GET)).toBe("1616140317555161061");
    expect(verifyRobotUrl(B, B_GET)).toBe("1288432023552776189");
  });

  it("opens the official example's message", () => {
    const { message, fromUser } = openAppCallback(A, A_POST, A_XML);
    expect(fromUser).toBe("mycreate");
    expect(message).toEqual({
      platform: "wecom",
      messageId: "app:4561255354251345929",
      chatId: "app:mycreate",
      userId: "mycreate",
      text: "hello",
      private: true,
    });
  });

  it("opens multi-byte content", () => {
    const xml = `<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Encrypt><![CDATA[${B_ENCRYPT}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
    expect(openAppCallback(B, B_POST, xml).message).toMatchObject({ userId: "ChenJiaShun", text: "你好", messageId: "app:1456453720" });
  });

  it("reproduces the official ciphertext when encrypting with the same random bytes", () => {
    const plaintext = openCiphertext(A, { signature: A_POST.msg_signature, timestamp: A_POST.timestamp, nonce: A_POST.nonce, ciphertext: A_ENCRYPT });
    const sealed = sealReply(A, plaintext, A_POST.timestamp, A_POST.nonce, Buffer.from("0960688932c47ef1"));
    expect(sealed.ciphertext).toBe(A_ENCRYPT);
    expect(sealed.signature).toBe(A_POST.msg_signature);
  });

  it("refuses a wrong signature with 401", () => {
    const attempt = () => verifyRobotUrl(A, { ...A_GET, msg_signature: "0".repeat(40) });
    expect(attempt).toThrow(CallbackRejected);
    expect(attempt).toThrow("bad signature");
  });

  it("refuses a ciphertext meant for another receiver", () => {
    const otherCorp = { ...A, receiveId: "ww0000000000000000" };
    expect(() => verifyRobotUrl(otherCorp, A_GET)).toThrow("wrong receive id");
  });

  it("refuses a validly signed ciphertext that does not decrypt under our key", () => {
    const wrongKey = { ...A, encodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" };
    let status: number | undefined;
    try {
      verifyRobotUrl(wrongKey, A_GET);
    } catch (error) {
      status = (error as CallbackRejected).status;
    }
    expect([400, 401]).toContain(status);
  });

  it("refuses XML with a DTD before decrypting anything", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>`;
    expect(() => openAppCallback(A, A_POST, xml)).toThrow("DTDs are not accepted");
  });
});
