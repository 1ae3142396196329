/**
 * Deterministic generators for demo and volume data: the same seed gives the same
 * management centre, so screenshots and benchmarks are comparable between runs.
 */

/** mulberry32: small, fast, good enough for test data (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建华国庆志强海波文静晓东雪梅晨阳子涵浩然欣怡宇轩梓涵思远佳怡一鸣";

export function chinesePersonName(random: () => number): string {
  const surname = pick(random, [...SURNAMES]);
  const givenLength = random() < 0.6 ? 2 : 1;
  let given = "";
  for (let i = 0; i < givenLength; i++) given += pick(random, [...GIVEN]);
  return surname + given;
}

const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "155",
  "156",
  "158",
  "159",
  "166",
  "177",
  "180",
  "181",
  "182",
  "186",
  "187",
  "188",
  "189",
  "199",
];

export function mobileNumber(random: () => number): string {
  let rest = "";
  for (let i = 0; i < 8; i++) rest += Math.floor(random() * 10);
  return pick(random, MOBILE_PREFIXES) + rest;
}
