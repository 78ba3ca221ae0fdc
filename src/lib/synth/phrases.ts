// Varied prose for the synthetic narratives. Real reports of different towns
// share stock phrases but little else: their shingled narratives (parse/
// fingerprint.ts) agree on 0–7 % of shingles. Paragraphs here are built from
// clauses drawn from pools, so that two reports written independently agree
// on about as little, and a copied report stands out as it does in real data.
// No clause holds a digit, a count or a section heading's words: the parser
// must read the synthetic reports as it did before.

import type { Rng } from './prng.ts';

const OPENERS = [
  '围绕中心工作', '聚焦群众关切', '对照上级部署', '坚持问题导向', '立足基层实际', '按照工作要点', '结合机构改革', '紧扣年度目标',
  '着眼便民利民', '围绕乡村振兴', '结合营商环境建设', '对标先进地区', '针对薄弱环节', '按照标准化规范化要求', '结合作风建设', '立足服务群众',
];

const WORKS = [
  '梳理完善主动公开基本目录', '规范信息发布审核程序', '及时更新机构职能和领导分工', '做好财政预决算信息公开', '加强政策文件的解读发布',
  '推进重大建设项目信息公开', '公开惠民补贴发放情况', '公开征地补偿安置信息', '公开村级财务收支情况', '做好安全生产信息发布',
  '规范政务新媒体运营管理', '完善依申请公开办理流程', '健全信息公开保密审查机制', '加强公开栏和公示栏建设', '推行办事指南一次性告知',
  '公开低保和特困供养对象名单', '公开农村危房改造对象', '公开耕地地力保护补贴信息', '发布防汛抗旱预警信息', '公开人居环境整治进展',
  '推进基层政务公开标准目录落地', '发布招聘录用和人事任免信息', '公开政府采购意向和结果', '公开行政执法结果', '发布疫情防控和公共卫生信息',
  '开展政策进村入户宣讲', '设立政务公开体验区', '开通政务服务热线', '完善网站栏目设置', '建立信息发布工作台账',
  '落实政策解读与文件同步发布', '回应网民留言和群众来信', '组织政务公开业务培训', '开展网站常态化巡查', '清理过期失效信息',
  '推动村务公开与政务公开衔接', '公开涉农资金使用情况', '发布重点项目建设进度', '公开教育医疗等民生信息', '做好就业创业政策推送',
];

const RESULTS = [
  '群众知晓率进一步提高', '公开质量稳步提升', '信息发布更加规范', '各项工作有序推进', '群众满意度明显提升', '公开实效不断增强',
  '基层政务更加透明', '政府公信力得到增强', '工作规范化水平持续提升', '公开渠道更加畅通', '回应关切更加及时', '服务效能明显改善',
];

const PROBLEMS = [
  '部分信息发布不够及时', '政策解读形式较为单一', '公开内容的深度和广度不够', '工作人员业务水平有待提高', '专职人员力量不足',
  '网站栏目更新存在滞后', '村级公开内容不够规范', '回应群众关切的主动性不强', '公开形式缺乏创新', '信息发布审核把关不够严格',
  '政务新媒体内容更新较慢', '重点领域公开还不够全面', '公开栏使用效率不高', '与群众的互动交流偏少', '考核督促机制有待完善',
];

const REMEDIES = [
  '加强业务培训和交流学习', '完善信息发布审核机制', '拓宽政策解读的形式和渠道', '加大重点领域信息公开力度', '充实政务公开工作力量',
  '建立健全考核评议制度', '加强网站和新媒体日常管理', '推动公开向村级延伸', '提高回应关切的时效', '加强对村级公开的指导监督',
  '探索图解和视频等解读方式', '定期开展自查和整改', '完善公开目录动态调整机制', '强化公开工作责任落实', '畅通群众意见反馈渠道',
];

// Clauses made of a verb, a field and an object (加强 + 基层 + 台账管理): 24 × 24 × 32 of them,
// so that two reports rarely say the same thing in the same words.
const VERBS = ['加强', '完善', '推进', '规范', '落实', '健全', '深化', '优化', '强化', '拓展', '提升', '细化', '压实', '统筹', '夯实', '创新', '扩大', '畅通', '改进', '严格', '抓好', '做实', '用好', '理顺'];
const FIELDS = ['政务', '信息', '基层', '村级', '网上', '线下', '重点', '民生', '涉农', '财政', '审核', '发布', '解读', '回应', '公开', '便民', '考核', '培训', '监督', '保密', '档案', '政策', '社区', '窗口'];
const OBJECTS = [
  '工作机制', '制度建设', '平台管理', '栏目设置', '队伍建设', '流程规范', '目录编制', '台账管理', '责任体系', '标准体系', '服务能力', '宣传引导',
  '工作力量', '质量水平', '渠道建设', '意见征集', '互动交流', '督促检查', '数据归集', '业务指导', '分工协作', '日常巡查', '问题整改', '跟踪问效',
  '材料报送', '内容审校', '更新维护', '公示公告', '查阅服务', '协调联动', '动态调整', '评议反馈',
];

const madeClause = (rng: Rng) => rng.pick(VERBS) + rng.pick(FIELDS) + rng.pick(OBJECTS);

/** `n` distinct clauses of a pool, in a random order. */
function some(rng: Rng, pool: readonly string[], n: number): string[] {
  const copy = [...pool];
  rng.shuffle(copy);
  return copy.slice(0, n);
}

/** One paragraph of work done: an opener, three to five things done, a result. */
export function workParagraph(rng: Rng): string {
  const clauses = some(rng, WORKS, rng.int(1, 2));
  for (let k = rng.int(3, 5); k > 0; k--) clauses.splice(rng.int(0, clauses.length), 0, madeClause(rng));
  return `${rng.pick(OPENERS)}，${clauses.join('，')}，${rng.pick(RESULTS)}。`;
}

/** What went wrong and what will be done: for section 五. */
export function problemsParagraphs(rng: Rng): string[] {
  const problems = some(rng, PROBLEMS, rng.int(2, 3));
  const remedies = [...some(rng, REMEDIES, rng.int(1, 2)), madeClause(rng), madeClause(rng)];
  const lead = rng.pick(['存在的不足主要有：', '工作中还存在一些问题：', '对照要求，仍有差距：']);
  return [`${lead}${problems.map((p, i) => `${'一二三'[i]}是${p}`).join('；')}。`, `${rng.pick(['下一步，', '今后，', '针对上述问题，'])}将${remedies.join('，')}。`];
}
