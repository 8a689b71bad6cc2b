// Evaluations and a notice with the names real plans have (long unit names, Latin in indicator
// names, long explanations), for the LibreOffice layout test.
import type { BulletinDocumentData } from "@duban/domain";

import type { EvaluationDocument } from "../src/evaluation-types.ts";
import type { NoticeDocument } from "../src/notice-docx.ts";

const row = (name: string, total: number, completed: number) => ({
  name,
  total,
  completed,
  onSchedule: total - completed - 2,
  lagging: 1,
  overdue: 1,
  completionRate: Math.round((completed / total) * 1000) / 10,
  averageProgress: 61,
  expectedProgress: 58,
});

const INDICATORS: Array<[string, string | null, number, number, number]> = [
  ["R&D 经费支出", "万元", 7529.2, 30000, 15000],
  ["全社会研究与试验发展经费投入强度", "%", 1.2, 2.5, 1.8],
  ["每万人口高价值发明专利拥有量", "件", 0.8, 3, 1.6],
  ["高新技术企业数", "家", 12, 40, 25],
  ["技术合同成交额", "亿元", 1.5, 5, 2.2],
  ["规模以上工业企业研发机构覆盖率", "%", 18, 40, 27],
];

const indicators = (years: number[]): EvaluationDocument["indicators"] =>
  INDICATORS.map(([name, unit, baseline, target, latest], i) => ({
    number: i + 1,
    name,
    unit,
    nature: i % 2 ? "约束性" : "预期性",
    baseline,
    target,
    latestPeriod: `${years.at(-1)}Q4`,
    latestValue: latest,
    expected: Math.round((baseline + (target - baseline) * 0.6) * 100) / 100,
    status: i % 3 ? "符合序时" : "严重滞后",
    attainment: Math.round(((latest - baseline) / (target - baseline)) * 1000) / 10,
    trajectory: {
      expected: [2020, 2021, 2022, 2023, 2024, 2025].map((y, k) => ({
        year: y,
        value: Math.round((baseline + ((target - baseline) * k) / 5) * 100) / 100,
      })),
      annualTargets: i === 0 ? [{ year: 2023, value: 20000 }] : [],
      reported: years.map((y, k) => ({
        year: y,
        value: Math.round((baseline + ((latest - baseline) * (k + 1)) / years.length) * 100) / 100,
      })),
    },
  }));

const DEPARTMENTS = [
  row("县科学技术局", 12, 9),
  row("县发展和改革局", 8, 5),
  row("县工业和信息化局（县中小企业发展服务中心）", 10, 4),
  row("县市场监督管理局", 6, 5),
  row("县教育局", 3, 1),
];

const LONG_EXPLANATION =
  "受上级专项资金下达时间推迟影响，项目前期手续办理滞后，目前已完成可行性研究报告编制和用地预审；下步：加快推进施工图设计审查和招标工作，力争年底前开工建设。";

const base = (kind: EvaluationDocument["kind"], asOf: string, years: number[]) =>
  ({
    kind,
    plan: {
      id: "p",
      title: "西丰县“十四五”科技创新规划",
      jurisdiction: "西丰县",
      periodStart: 2021,
      periodEnd: 2025,
    },
    issuer: "西丰县科技创新工作领导小组办公室",
    asOf,
    totals: row("合计", 39, 24),
    indicators: indicators(years),
    departments: DEPARTMENTS,
    chapters: [
      row("三、强化企业创新主体地位", 14, 9),
      row("四、建设高水平科技创新平台和载体", 15, 10),
      row("五、优化科技创新生态", 10, 5),
    ],
    lagging: [
      {
        title: "建设县级科技成果转化中试基地",
        department: "县工业和信息化局（县中小企业发展服务中心）",
        state: "滞后",
        progress: 30,
        expected: 60,
        dueDate: "2024-12-31",
        explanation: LONG_EXPLANATION,
      },
    ],
    adjustments: [
      {
        title: "建设科技创新平台",
        department: "县科学技术局",
        kind: "调整完成时限",
        from: "2023-12-31",
        to: "2024-06-30",
        reason: "用地审批延后",
        at: "2023-05-10",
      },
      {
        title: "R&D 经费支出（2023年）",
        department: "县科学技术局",
        kind: "调整年度目标",
        from: "21000 万元",
        to: "20000 万元",
        reason: "受宏观经济形势影响（依据：西科领办发〔2023〕2号）",
        at: "2023-07-01",
      },
    ],
  }) satisfies Omit<EvaluationDocument, "title">;

export const midterm: EvaluationDocument = {
  ...base("MIDTERM", "2023-06-30", [2021, 2022, 2023]),
  title: "西丰县“十四五”科技创新规划中期评估报告",
};

export const final: EvaluationDocument = {
  ...base("FINAL", "2025-12-31", [2021, 2022, 2023, 2024, 2025]),
  title: "西丰县“十四五”科技创新规划总结评估报告",
};

export const annual: EvaluationDocument = {
  ...base("ANNUAL", "2026-12-31", [2021, 2022, 2023, 2024, 2025]),
  title: "西丰县“十四五”科技创新规划2026年度评估报告",
  annual: {
    year: 2026,
    annualPlan: { title: "西丰县2026年科技创新工作要点", docNumber: "西科领办发〔2026〕1号" },
    items: [
      {
        title: "培育高新技术企业",
        deliverable: "新增高新技术企业 5 家，完成入库培育 12 家",
        department: "县科学技术局",
        dueDate: "2026-11-30",
        done: true,
        onTime: true,
        doneOn: "2026-11-20",
        carriedOver: false,
        explanation: "",
      },
      {
        title: "建设县级科技成果转化中试基地",
        deliverable: "完成主体工程建设并投入试运行",
        department: "县工业和信息化局（县中小企业发展服务中心）",
        dueDate: "2026-12-31",
        done: false,
        onTime: false,
        doneOn: null,
        carriedOver: true,
        explanation: LONG_EXPLANATION,
      },
    ],
    departments: [
      { name: "县科学技术局", total: 1, done: 1, completionRate: 100 },
      { name: "县工业和信息化局（县中小企业发展服务中心）", total: 1, done: 0, completionRate: 0 },
    ],
    indicators: INDICATORS.map(([name, unit, , target, latest], i) => ({
      number: i + 1,
      name,
      unit,
      yearTarget: i === 0 ? 28000 : null,
      expected: target,
      actual: latest,
      actualPeriod: "2026Q4",
      verdict: latest >= target ? "达标" : "未达标",
    })),
    scores: {
      publishedOn: "2026-12-28",
      units: DEPARTMENTS.map((d, i) => ({ rank: i + 1, name: d.name, total: 96.5 - i * 3.25 })),
    },
  },
};

export const notice: NoticeDocument = {
  year: 2026,
  number: 3,
  level: "RED",
  departmentName: "县工业和信息化局（县中小企业发展服务中心）",
  task: {
    title: "建设县级科技成果转化中试基地",
    planTitle: "西丰县“十四五”科技创新规划",
    dueDate: "2025-12-31",
    status: "推进中",
    schedule: "已逾期",
    progress: 40,
    expectedProgress: 100,
  },
  requirement: LONG_EXPLANATION,
  replyDueDate: "2026-12-08",
  issuingOffice: "西丰县科技创新工作领导小组办公室",
  issuedOn: "2026-12-01",
  copiedTo: ["张县长", "李副县长"],
};

const BULLETIN_KINDS = [
  "ITEM_COMPLETION",
  "REPORTING",
  "REVIEW_PASS",
  "INDICATOR_ATTAINMENT",
] as const;
const BULLETIN_UNITS = [
  ...DEPARTMENTS.map((d) => d.name),
  "县市场监督管理局",
  "县农业农村局",
  "县教育局",
];

/** A year's 督查通报 with long unit names and every part filled in. */
export const bulletin: BulletinDocumentData = {
  docNumber: "西丰科督通〔2026〕3号",
  title: "关于2026年第三季度西丰县“十四五”科技创新规划实施情况的通报",
  recipients: "各成员单位",
  text: {
    opening: [LONG_EXPLANATION],
    praise: ["县科学技术局、县发展和改革局年度任务推进有力，台账报送及时完整，予以通报表扬。"],
    criticism: [LONG_EXPLANATION],
    requirements: ["各单位要对照年度工作要点，逐项梳理滞后任务，明确整改时限和责任人。"],
  },
  period: "2026Q3",
  periodLabel: "2026年第三季度",
  asOf: "2026-09-30",
  components: BULLETIN_KINDS.map((kind, i) => ({
    kind,
    label: ["年度任务完成", "台账报送及时完整", "台账审核通过率", "指标达标"][i]!,
  })),
  ranking: BULLETIN_UNITS.map((name, i) => ({
    departmentId: `00000000-0000-4000-8000-00000000000${i}`,
    departmentName: name,
    rank: i + 1,
    total: 96.5 - i * 4.25,
    bonus: i === 0 ? 2 : 0,
    deduction: i === BULLETIN_UNITS.length - 1 ? -1.5 : 0,
    components: BULLETIN_KINDS.map((kind) => ({
      kind,
      weight: 25,
      points: 24.13 - i,
      ratio: null,
      numerator: null,
      denominator: null,
    })),
  })),
  issuer: "西丰县科技创新工作领导小组办公室",
  date: "2026-10-15",
  fileBase: "西丰科督通〔2026〕3号",
};
