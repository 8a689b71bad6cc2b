// The jurisdictions of the demo's cascade (issue #19): 遵义市's counties and 贵阳市, each with a
// short plan of its own for the current year, the two seed jurisdictions with their year's
// document beside their five-year plan, and 息烽县's and 湄潭县's towns as units.
// The plan texts are invented abstracts in the style of a 年度工作要点 / 分工方案 (the real
// documents are not in seeds/); they go through the importer like any document an office uploads.
// The cascade hands the year's items down (a five-year plan's period ends in 2025, so the year's
// work lives in the year's document), and 遵义市's indicator share comes from its five-year plan.

/** A task line of a generated plan: title, 牵头单位 and 配合单位 as the document writes them. */
export type DemoPlanItem = {
  title: string;
  lead: string;
  support?: string;
  /** handed down to the counties (demo-cascade.ts): reported by them, not by its own lead unit */
  handedDown?: true;
};

export type DemoJurisdiction = {
  name: string;
  slug: string;
  kind: "CITY" | "COUNTY";
  parent: string;
  /** 乡镇/街道 as TOWN units; `slug` gives the town a login (`yongjing@xifeng.demo`) */
  towns: Array<{ name: string; slug?: string }>;
  /** the year's document: `${name}${year}年科技创新${document}` */
  document: "工作要点" | "重点任务分工方案";
  /** the plan's items by section */
  sections: Array<{ title: string; items: DemoPlanItem[] }>;
};

/** 遵义市's counties in the demo (the rest of the city's counties are left out to keep it small). */
export const ZUNYI_COUNTIES: DemoJurisdiction[] = [
  {
    name: "湄潭县",
    slug: "meitan",
    kind: "COUNTY",
    parent: "遵义市",
    document: "工作要点",
    towns: [{ name: "永兴镇", slug: "yongxing" }, { name: "兴隆镇" }],
    sections: [
      {
        title: "提升茶产业科技创新能力",
        items: [
          { title: "建设湄潭茶产业科技创新中心", lead: "县科技局", support: "县农业农村局" },
          { title: "开展茶园绿色防控技术集成示范", lead: "县农业农村局", support: "县科技局" },
        ],
      },
    ],
  },
  {
    name: "凤冈县",
    slug: "fenggang",
    kind: "COUNTY",
    parent: "遵义市",
    document: "工作要点",
    towns: [],
    sections: [
      {
        title: "培育特色产业创新优势",
        items: [
          { title: "推进锌硒茶功能成分研究与应用", lead: "县科技局", support: "县农业农村局" },
          { title: "培育科技型中小企业", lead: "县科技局", support: "县工信局" },
        ],
      },
    ],
  },
  {
    name: "正安县",
    slug: "zhengan",
    kind: "COUNTY",
    parent: "遵义市",
    document: "工作要点",
    towns: [],
    sections: [
      {
        title: "推动产业技术创新",
        items: [
          { title: "推进吉他产业工艺技术创新", lead: "县工信局", support: "县科技局" },
          { title: "建设正安县农业科技园区", lead: "县科技局", support: "县农业农村局" },
        ],
      },
    ],
  },
];

/** 贵阳市 (the Xifeng seed's parent city): its own short plan, which assigns to 息烽县. */
export const GUIYANG: DemoJurisdiction = {
  name: "贵阳市",
  slug: "guiyang",
  kind: "CITY",
  parent: "",
  document: "工作要点",
  towns: [],
  sections: [
    {
      title: "强化县域科技创新",
      items: [
        { title: "推进科技特派员服务乡村振兴全覆盖", lead: "市科技局", support: "市农业农村局", handedDown: true },
        { title: "实施磷化工产业关键技术攻关", lead: "市科技局", support: "市工信局", handedDown: true },
      ],
    },
    {
      title: "建设创新平台",
      items: [{ title: "建设贵阳大数据科创城", lead: "市科技局" }],
    },
  ],
};

/** 遵义市's year document beside its five-year plan (the seed): the items it hands to its counties. */
export const ZUNYI: DemoJurisdiction = {
  name: "遵义市",
  slug: "zunyi",
  kind: "CITY",
  parent: "",
  document: "重点任务分工方案",
  towns: [],
  sections: [
    {
      title: "推动县域特色产业科技创新",
      items: [
        { title: "推进县域茶产业科技创新", lead: "市科技局", support: "市农业农村局", handedDown: true },
        { title: "实施科技特派员服务乡村振兴行动", lead: "市科技局", handedDown: true },
      ],
    },
    {
      title: "完善科技创新服务体系",
      items: [{ title: "建设市级科技成果转化服务平台", lead: "市科技局" }],
    },
  ],
};

/** 息烽县's towns (乡镇), its units and its 片区 for 分片区监测; two with a login. */
export const XIFENG_TOWNS: Array<{ name: string; slug?: string }> = [
  { name: "永靖镇", slug: "yongjing" },
  { name: "温泉镇", slug: "wenquan" },
  { name: "九庄镇" },
  { name: "小寨坝镇" },
  { name: "西山镇" },
  { name: "养龙司镇" },
  { name: "石硐镇" },
  { name: "鹿窝镇" },
];

/** 息烽县's year document beside its five-year plan (the seed), which 贵阳市's items land in. */
export const XIFENG: DemoJurisdiction = {
  name: "息烽县",
  slug: "xifeng",
  kind: "COUNTY",
  parent: "贵阳市",
  document: "工作要点",
  towns: XIFENG_TOWNS,
  sections: [
    {
      title: "推动产业技术创新",
      items: [
        { title: "建设磷化工产业技术创新中心", lead: "县科技局", support: "县工信局" },
        { title: "举办科技活动周", lead: "县科技局" },
      ],
    },
  ],
};

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/**
 * The text of a jurisdiction's `year` plan (`湄潭县2026年科技创新工作要点`): numbered sections
 * and items, each with its 牵头单位 / 配合单位 and 完成时限 (year end), as a 分工方案 writes them,
 * so the importer finds one candidate task per item with its units and date.
 */
export function demoPlanText(j: DemoJurisdiction, year: number): string {
  const lines = [`${demoPlanTitle(j, year)}`, "", "一、重点任务", ""];
  j.sections.forEach((section, s) => {
    lines.push(`（${CHINESE_NUMBERS[s]}）${section.title}`, "");
    section.items.forEach((item, i) => {
      const support = item.support ? `；配合单位：${item.support}` : "";
      lines.push(
        `${i + 1}.${item.title}。（牵头单位：${item.lead}${support}；完成时限：${year}年12月底前）`,
        "",
      );
    });
  });
  return lines.join("\n");
}

export const demoPlanTitle = (j: Pick<DemoJurisdiction, "name" | "document">, year: number) =>
  `${j.name}${year}年科技创新${j.document}`;
