/// The page's one stylesheet: system fonts only, light and dark palettes, print rules.
extension DossierHTML {
    static let style = """
    :root {
      color-scheme: light dark;
      --bg: #f8f7f4; --card: #ffffff; --fg: #1c1d1f; --muted: #686b70; --line: #e3e0d9; --accent: #1f5fb4;
      --hl: #ffe58a; --mark: #fff1b8;
      --ok: #1e6f3c; --ok-bg: #e2f2e7; --warn: #8a5600; --warn-bg: #fcefd4;
      --bad: #b1271f; --bad-bg: #fbe3e0; --ref: #66389c; --ref-bg: #efe5fa;
      --carries: #2e8a55; --hedged: #e2a729; --disputes: #cf4436; --absent: #ebe8e1;
      --bar: #6f8fb8; --stripe: #f3f1ec;
      --serif: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Noto Serif", serif;
      --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #141517; --card: #1d1f22; --fg: #e7e5e1; --muted: #9a9da3; --line: #34373c; --accent: #7fb0ff;
        --hl: #6b5a12; --mark: #4a4120;
        --ok: #7fd39c; --ok-bg: #173524; --warn: #f0c36b; --warn-bg: #3b2e12;
        --bad: #ff9a8f; --bad-bg: #42201c; --ref: #c9a6ff; --ref-bg: #2f2442;
        --carries: #3fa56a; --hedged: #d9a12c; --disputes: #e05a4b; --absent: #2c2f33;
        --bar: #6d93c9; --stripe: #23262a;
      }
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.55 var(--sans); }
    main, .masthead, footer { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
    a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
    h1, h2, h3, h4 { line-height: 1.25; }
    h1 { font-size: 28px; margin: 8px 0 10px; }
    h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
    h3 { font-size: 16px; margin: 0 0 4px; }
    h4 { font-size: 13px; margin: 10px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--bad); }
    .muted, .hint { color: var(--muted); }
    .hint { margin: 0 0 10px; font-size: 13px; }
    .small { font-size: 13px; }
    .nowrap { white-space: nowrap; }
    .masthead { padding-top: 24px; }
    .brand { margin: 0; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; font-size: 12px;
      color: var(--accent); }
    .masthead p { margin: 2px 0; }
    .toc ol { padding-left: 20px; }
    .story { padding: 28px 0 48px; border-bottom: 3px double var(--line); }
    .sid { display: inline-block; font: 600 13px/1 var(--sans); color: var(--muted); border: 1px solid var(--line);
      border-radius: 4px; padding: 4px 6px; vertical-align: middle; margin-right: 6px; }
    .counts { list-style: none; display: flex; align-items: baseline; flex-wrap: wrap; gap: 8px 22px; padding: 0; margin: 0 0 10px; }
    .counts b { font-size: 22px; margin-right: 3px; }
    .story-nav { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0 0; }
    .story-nav a { text-decoration: none; border: 1px solid var(--line); background: var(--card); padding: 3px 10px;
      border-radius: 999px; font-size: 13px; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; background: var(--card); font-size: 14px; }
    th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
    th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; }
    td.outlet { font-weight: 600; white-space: nowrap; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    .badge { display: inline-block; font: 600 12px/1.2 var(--sans); padding: 3px 8px; border-radius: 999px;
      white-space: nowrap; }
    .badge.corroborated { color: var(--ok); background: var(--ok-bg); }
    .badge.single-origin, .badge.warn { color: var(--warn); background: var(--warn-bg); }
    .badge.disputed { color: var(--bad); background: var(--bad-bg); }
    .badge.refuted-by-outlet { color: var(--ref); background: var(--ref-bg); }
    .flag { margin: 2px 0; }
    .evidence { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
    .status-summary { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 0 0 14px; }
    .claim { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--ok);
      border-radius: 8px; padding: 14px 18px; margin: 0 0 14px; scroll-margin-top: 20px; break-inside: avoid; }
    .claim.single-origin { border-left-color: var(--hedged); }
    .claim.disputed { border-left-color: var(--disputes); }
    .claim.refuted-by-outlet { border-left-color: var(--ref); }
    .claim:target { box-shadow: 0 0 0 3px var(--accent); }
    .claim header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
    .cid { font: 600 12px var(--sans); color: var(--muted); }
    .reach { font-size: 13px; color: var(--muted); }
    .claim-text { font: 600 17px/1.4 var(--serif); margin: 8px 0 6px; overflow-wrap: anywhere; }
    .meta { list-style: none; padding: 0; margin: 0 0 8px; font-size: 13px; }
    .k { color: var(--muted); text-transform: uppercase; font-size: 11px; letter-spacing: .05em; margin-right: 4px; }
    .variants { list-style: none; padding: 0; margin: 0; }
    .variants li { padding: 8px 0 8px 12px; border-top: 1px dashed var(--line); }
    .v-head { font-size: 13px; display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; }
    .v-outlet { font-weight: 600; }
    .lang, .tag { font-size: 11px; border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; }
    .tag.hedge, .tag.distancing { color: var(--warn); border-color: var(--hedged); }
    .tag.denying { color: var(--bad); border-color: var(--disputes); }
    .who { color: var(--muted); }
    blockquote { margin: 4px 0; font: 15px/1.5 var(--serif); overflow-wrap: anywhere; }
    mark { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
    .goto { font: 13px var(--sans); text-decoration: none; white-space: nowrap; margin-left: 4px; }
    td.wording div + div { margin-top: 3px; }
    table.framing td.wording { min-width: 18em; }
    table.framing td.outlet { white-space: normal; overflow-wrap: break-word; min-width: 6em; max-width: 10em; }
    .disputes { margin-top: 6px; background: var(--bad-bg); border-radius: 6px; padding: 2px 10px 6px; }
    .claim.refuted-by-outlet .disputes { background: var(--ref-bg); }
    .claim.refuted-by-outlet h4 { color: var(--ref); }
    details > summary { cursor: pointer; color: var(--accent); font-size: 14px; margin: 6px 0; }
    details.more > summary { font-weight: 600; }
    .chart-box { margin: 0 0 22px; background: var(--card); border: 1px solid var(--line); border-radius: 8px;
      padding: 14px 16px; break-inside: avoid; }
    svg.chart { display: block; max-width: 100%; height: auto; font-family: var(--sans); overflow: visible; }
    svg.chart text { fill: var(--fg); font-size: 12px; }
    svg.chart text.muted, svg.chart text.legend { fill: var(--muted); font-size: 11px; }
    svg.chart text.col-label { font-size: 12px; }
    svg.chart text.date { font-weight: 600; font-variant-numeric: tabular-nums; }
    svg.chart text.event { font: 13px var(--serif); }
    svg.chart text.node-title { font-weight: 600; font-size: 13px; }
    svg.chart text.value { font-variant-numeric: tabular-nums; }
    svg.chart a:hover text { fill: var(--accent); text-decoration: underline; }
    svg.chart .cell.carries { fill: var(--carries); }
    svg.chart .cell.hedged { fill: var(--hedged); }
    svg.chart .cell.disputes { fill: var(--disputes); }
    svg.chart .cell.absent { fill: var(--absent); }
    svg.chart .bar { fill: var(--bar); }
    svg.chart .low-mark { stroke: var(--disputes); stroke-width: 1.5; stroke-dasharray: 4 3; }
    svg.chart .stripe { fill: var(--stripe); }
    svg.chart text.cell-mark { font-size: 14px; font-weight: 700; fill: #fff; pointer-events: none; }
    svg.chart text.cell-mark.hedged { fill: #3b2a00; }
    svg.chart .axis { stroke: var(--line); stroke-width: 2; }
    svg.chart .dot { fill: var(--accent); stroke: var(--card); stroke-width: 2; }
    svg.chart .node { fill: var(--bg); stroke: var(--muted); stroke-width: 1.2; }
    svg.chart .edge { fill: none; stroke: var(--muted); stroke-width: 1.8; }
    svg.chart .edge.copy { stroke: var(--disputes); }
    svg.chart .edge.spun { stroke: var(--ref); stroke-dasharray: 5 3; }
    svg.chart .edge.translation { stroke: var(--accent); }
    svg.chart .edge.rewrite { stroke: var(--hedged); }
    svg.chart .edge.same-wire { stroke-dasharray: 6 4; }
    svg.chart .arrowhead { fill: var(--muted); }
    svg.chart .edge-label-bg { fill: var(--card); stroke: var(--line); }
    svg.chart text.edge-label { font-size: 11px; fill: var(--muted); }
    .edges { font-size: 13px; padding-left: 18px; margin: 10px 0 0; }
    .share { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap;
      font-variant-numeric: tabular-nums; font-size: 13px; }
    .track { display: inline-block; width: 54px; height: 8px; background: var(--absent); border-radius: 4px;
      overflow: hidden; }
    .fill { display: block; height: 100%; background: var(--hedged); }
    .chip { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 999px; margin: 1px 0; }
    .chip.yes { background: var(--ok-bg); color: var(--ok); }
    .chip.no { background: var(--absent); color: var(--muted); }
    article.text { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 18px 24px;
      margin: 0 0 18px; scroll-margin-top: 20px; }
    article.text header p { margin: 2px 0; }
    .note { font-size: 13px; font-style: italic; color: var(--muted); }
    .body { font: 17px/1.65 var(--serif); max-width: 44em; hyphens: auto; overflow-wrap: break-word; }
    .body p { margin: 0 0 .9em; white-space: pre-line; }
    .s { border-radius: 3px; scroll-margin-top: 35vh; transition: background-color .3s; }
    .s:target { background: var(--hl); box-shadow: 0 0 0 3px var(--hl); }
    .tech { text-decoration: underline wavy var(--disputes); text-decoration-thickness: 1px;
      text-underline-offset: 3px; }
    sup { line-height: 0; }
    a.back { font: 600 10px var(--sans); text-decoration: none; margin-left: 2px; padding: 0 3px; border-radius: 3px;
      background: var(--ok-bg); color: var(--ok); }
    a.back.single-origin { background: var(--warn-bg); color: var(--warn); }
    a.back.disputed { background: var(--bad-bg); color: var(--bad); }
    a.back.refuted-by-outlet { background: var(--ref-bg); color: var(--ref); }
    footer { padding: 24px; font-size: 13px; }
    @media print {
      body { background: #fff; font-size: 11pt; }
      .story-nav, .goto, a.back { display: none; }
      .story { break-before: page; }
      .claim, .chart-box, article.text { border-color: #bbb; }
      a { color: inherit; text-decoration: none; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    @media print { details::details-content { content-visibility: visible; display: contents; } }
    """
}
