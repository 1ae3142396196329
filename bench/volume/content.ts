/** What residents say, per starter category: short realistic texts so that search finds real words. */
import { pick } from "../../apps/server/src/demo/generators.js";

const TEXTS: Record<string, readonly string[]> = {
  SERVICE: ["前台工作人员态度冷淡，咨询问题不耐烦", "客服电话多次无人接听", "管家答应的事情一直没有回复"],
  SECURITY: ["小区门口保安不登记外来人员", "夜间巡逻不到位，车库有陌生人", "单元门禁损坏多日无人看管"],
  CLEANING: ["楼道垃圾两天没有清理，气味很大", "电梯间地面脏乱", "垃圾分类点满溢无人处理"],
  GREENERY: ["楼下绿化带杂草丛生", "树枝遮挡窗户，希望修剪", "草坪浇水时间太早影响休息"],
  PARKING: ["车位被外来车辆长期占用", "地库通道乱停车影响通行", "临时停车收费不合理"],
  NOISE: ["楼上装修周末早上施工，噪音扰民", "广场舞音乐太吵", "空调外机噪音很大影响睡眠"],
  FACILITY: ["单元门禁系统经常失灵", "儿童游乐设施损坏存在安全隐患", "楼道照明灯长期不亮"],
  REPAIR_QUALITY: ["上次维修后问题再次出现", "维修人员施工后没有清理现场", "维修拖延多次上门未修好"],
  FEES: ["物业费账单金额有误", "停车费收据迟迟不给", "公摊水电费计算不透明"],
  DECORATION: ["邻居装修占用公共走道堆放材料", "装修垃圾随意堆放楼道", "装修时间超出规定"],
  WATER_LEAK: ["卫生间漏水渗到楼下", "厨房水管接口漏水", "天花板渗水发霉", "阳台下水管漏水"],
  PIPE_BLOCK: ["厨房下水道堵塞", "马桶堵塞无法使用", "地漏返水有异味"],
  POWER: ["家里突然停电跳闸", "插座没电", "总闸频繁跳闸"],
  LIGHTING: ["楼道感应灯不亮", "地下车库照明灯坏了", "单元门口路灯不亮"],
  LIFT_FAULT: ["电梯困人，请尽快处理", "电梯运行有异响", "电梯按钮失灵"],
  WALL_CRACK: ["客厅墙面开裂", "地砖空鼓起拱", "外墙瓷砖脱落"],
  DOOR_LOCK: ["入户门锁损坏打不开", "窗户关不严漏风", "单元门闭门器坏了"],
  AIRCON: ["空调不制冷", "空调漏水", "中央空调出风口有异味"],
  INTERCOM: ["可视对讲没有画面", "门禁卡刷不开", "楼宇对讲无法开门"],
  MANAGEMENT: ["建议增加夜间巡逻次数", "建议公示维修基金使用情况", "建议延长物业服务中心办公时间"],
  AMENITY: ["建议增设电动车充电桩", "建议增加快递柜", "建议在广场加装座椅"],
  COMMUNITY: ["建议组织业主亲子活动", "建议举办邻里节", "建议开展垃圾分类宣传"],
  PRAISE: ["感谢维修师傅及时上门，服务很好", "保安帮忙搬运物品，表示感谢", "客服耐心解答，点赞"],
};

const DETAILS = ["，请尽快处理", "，已经持续一周", "，影响正常生活", "，麻烦安排人员查看", "", "", "，希望今天解决"];

export function caseContent(random: () => number, categoryCode: string): string {
  const texts = TEXTS[categoryCode] ?? ["其他问题，请联系处理"];
  return `${pick(random, texts)}${pick(random, DETAILS)}。`;
}

export const PUBLIC_AREAS = ["地下车库B区", "东门岗亭", "儿童游乐区", "中心花园", "1栋电梯厅", "南门人行道", "会所"];
