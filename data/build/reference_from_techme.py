"""Build data/reference_growth.csv from the provincial panels of huhuaping/techme (MIT).

The panels (China Statistical Yearbook on Science and Technology, 2010-2023) are the
reference class of real growth: how R&D staff, spending, intensity and patents of Chinese
provinces actually moved year to year. This script reads the repo's ``data/*.rda`` files
with pyreadr (``pip install -e '.[build]'``), repairs province labels, drops unusable
values, marks survey/definition breaks by a documented rule and writes one row per
(series, year). ``python data/build/reference_from_techme.py RDA_DIR [--stats]``.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO = "huhuaping/techme"
YEARBOOK = "《中国科技统计年鉴》"
NATION_YEARBOOK = "《中国统计年鉴》"
TYPES = ("people", "share", "rate", "organisations", "money", "count", "other")
COLUMNS = ["series_id", "family", "type", "region", "region_zh", "level", "year", "value",
           "unit", "status", "source", "quote", "note"]

# The 31 provincial-level divisions of mainland China, official short names -> pinyin.
PROVINCES = {
    "北京": "beijing", "天津": "tianjin", "河北": "hebei", "山西": "shanxi",
    "内蒙古": "neimenggu", "辽宁": "liaoning", "吉林": "jilin", "黑龙江": "heilongjiang",
    "上海": "shanghai", "江苏": "jiangsu", "浙江": "zhejiang", "安徽": "anhui",
    "福建": "fujian", "江西": "jiangxi", "山东": "shandong", "河南": "henan",
    "湖北": "hubei", "湖南": "hunan", "广东": "guangdong", "广西": "guangxi",
    "海南": "hainan", "重庆": "chongqing", "四川": "sichuan", "贵州": "guizhou",
    "云南": "yunnan", "西藏": "xizang", "陕西": "shaanxi", "甘肃": "gansu",
    "青海": "qinghai", "宁夏": "ningxia", "新疆": "xinjiang",
}
# OCR misreadings found in the panels (checked against PROVINCES after whitespace removal).
LABEL_FIXES = {"四藏": "西藏", "两藏": "西藏", "江四": "江西", "江两": "江西", "山两": "山西",
               "浙汀": "浙江", "内蒙占": "内蒙古"}
# Rows that are not provinces: the national total and a garbled regional aggregate
# (尔部地区, one 2014 row of RDPatentValid; probably 东部/西部地区).
NOT_PROVINCES = {"全国", "尔部地区"}


@dataclass(frozen=True)
class Family:
    """One reference series family: which table and row of the repo, and its type."""

    family: str
    table: str           # .rda file stem
    item: str            # chn_block4 value in the table
    type: str
    unit: str            # the source's unit (repairs mislabelled years)
    book: str            # yearbook and the repo's raw-data folder for it
    quote: str           # the repo's documentation sentence, verbatim
    first_year: int = 2010  # earlier years (MarketPush: 2000, 2005 only) are not an annual panel


_Q_LABOR = ("This dataset contains statistics on Research and Development (RD) personnel "
            "full-time equivalent by region, measured in person-years.")
_Q_ACTIVITY = "A data set containing RD Activity statistics from the Yearbook of Tech, with long data format."
_Q_SOURCE = ("This dataset contains statistics on Research and Development (RD) internal "
             "expenditure by funding source and region.")
_Q_INTENSE = "A data set containing RD Intense statistics from the Yearbook of Tech, with long data format."
_Q_VALID = ("This dataset contains statistics on valid domestic patents by region, including three "
            "types of patents: inventions, utility models, and designs.")
_Q_ACCEPT = ("This dataset contains statistics on domestic patent applications accepted by region, "
             "including three types of patents: inventions, utility models, and designs.")
_Q_GRANT = ("This dataset contains statistics on domestic patent grants by region, including three "
            "types of patents: inventions, utility models, and designs.")
_Q_PAPER = ("This dataset contains statistics on Chinese scientific papers indexed by major "
            "international databases (such as SCI) by region.")
_Q_INDUSTRY = "A data set containing Hi-tech Industry RD from part IV of the Yearbook of Tech, with long data format."
_Q_PUSH = "A data set containing Tech Market Trade from the Yearbook of Tech, with long data format."
_Q_BUDGET = "A data set containing Public Budget statistics from the Yearbook of Nation, with long data format."

_T = f"{YEARBOOK}, repo folder data-raw/tech-yearbook/"
FAMILIES = (
    Family("rd_fte", "RDLaborHour", "合计", "people", "人年", _T + "part01-over/01-labor-hour", _Q_LABOR),
    Family("rd_researchers", "RDLaborHour", "研究人员", "people", "人年",
           _T + "part01-over/01-labor-hour", _Q_LABOR),
    Family("rd_fte_basic_research", "RDLaborHour", "基础研究", "people", "人年",
           _T + "part01-over/01-labor-hour", _Q_LABOR),
    Family("rd_spending", "RDActivity", "合计", "money", "万元",
           _T + "part01-over/03-spend-inner/01-activity", _Q_ACTIVITY),
    Family("rd_spending_basic_research", "RDActivity", "基础研究", "money", "万元",
           _T + "part01-over/03-spend-inner/01-activity", _Q_ACTIVITY),
    Family("rd_spending_government", "RDSource", "政府资金", "money", "万元",
           _T + "part01-over/03-spend-inner/02-source", _Q_SOURCE),
    Family("rd_spending_enterprise", "RDSource", "企业资金", "money", "万元",
           _T + "part01-over/03-spend-inner/02-source", _Q_SOURCE),
    Family("rd_intensity", "RDIntense", "RD强度", "share", "%", _T + "part01-over/02-spend-intense", _Q_INTENSE),
    Family("invention_patents_valid", "RDPatentValid", "发明", "count", "件",
           _T + "part08-output/01-patent/03-valid", _Q_VALID),
    Family("patents_valid", "RDPatentValid", "合计", "count", "件", _T + "part08-output/01-patent/03-valid", _Q_VALID),
    Family("invention_patent_applications", "RDPatentAccept", "发明", "count", "件",
           _T + "part08-output/01-patent/01-accept", _Q_ACCEPT),
    Family("invention_patent_grants", "RDPatentAuthority", "发明", "count", "件",
           _T + "part08-output/01-patent/02-authority", _Q_GRANT),
    Family("sci_papers", "RDPaperInternational", "篇数SCI", "count", "篇",
           _T + "part08-output/05-paper-international", _Q_PAPER),
    Family("tech_contracts_sold", "MarketPush", "数量", "count", "项",
           _T + "part08-output/04-teckmarket-push", _Q_PUSH),
    Family("tech_contract_value_sold", "MarketPush", "金额", "money", "万元",
           _T + "part08-output/04-teckmarket-push", _Q_PUSH),
    Family("hitech_rd_institutions", "IndustryRD", "研发机构数", "organisations", "个",
           _T + "part05-industry/02-RD", _Q_INDUSTRY),
    Family("hitech_rd_fte", "IndustryRD", "人员折合全时当量", "people", "人年",
           _T + "part05-industry/02-RD", _Q_INDUSTRY),
    Family("public_budget_science", "PublicBudget", "科学技术", "money", "亿元",
           f"{NATION_YEARBOOK}, repo folder data-raw/nation-yearbook/part07-finance/02-public-budget", _Q_BUDGET),
    Family("public_budget_education", "PublicBudget", "教育", "money", "亿元",
           f"{NATION_YEARBOOK}, repo folder data-raw/nation-yearbook/part07-finance/02-public-budget", _Q_BUDGET),
)

# Break rule (see data/README.md). A year-on-year change on the working scale is first
# taken relative to that year's median change across provinces (so nationwide shocks such
# as the 2011-12 education push are not breaks). It is a break when that deviation is
# (a) more than BREAK_K robust SDs (1.4826 * MAD of the family's deviations),
# (b) at least MIN_JUMP in absolute size (0.2 log points, 22 %: smaller steps are ordinary noise),
# (c) not undone next year by at least REVERT_SHARE of it (else it is a one-year spike),
# (d) between two values both >= MIN_LEVEL (tiny counts such as 1 -> 2 are Poisson noise).
BREAK_K = 3.5
MIN_JUMP = 0.2
REVERT_SHARE = 0.5
MIN_LEVEL = 20.0


def clean_label(raw: str) -> str:
    """Province label without spaces, OCR misreadings repaired."""
    label = re.sub(r"\s+", "", str(raw))
    return LABEL_FIXES.get(label, label)


def working_scale(values: np.ndarray, kind: str) -> np.ndarray:
    """Log for positive quantities, logit of the proportion for shares in %."""
    if kind == "share":
        p = values / 100.0
        return np.log(p / (1.0 - p))
    return np.log(values)


def read_table(rda_dir: Path, table: str) -> pd.DataFrame:
    """One long-format techme table as a DataFrame (province, year, chn_block4, value, units)."""
    import pyreadr  # build-only dependency

    path = rda_dir / f"{table}.rda"
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found; extract data/{table}.rda from {REPO} (see data/build/README.md)")
    frame = next(iter(pyreadr.read_r(str(path)).values()))
    missing = {"province", "year", "chn_block4", "value", "units"} - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: expected columns {sorted(missing)} are missing")
    return pd.DataFrame({c: frame[c].astype(object) for c in ["province", "year", "chn_block4", "value", "units"]})


def family_rows(fam: Family, table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Clean rows of one family and a log of what was repaired or dropped."""
    log: list[str] = []
    rows = table[table["chn_block4"] == fam.item].copy()
    rows["raw_label"] = rows["province"].astype(str)
    rows["region_zh"] = rows["raw_label"].map(clean_label)
    rows["year"] = pd.to_numeric(rows["year"]).astype(int)
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    rows["note"] = ""
    early = sorted(rows.loc[rows["year"] < fam.first_year, "year"].unique())
    if early:
        log.append(f"dropped years {[int(y) for y in early]} (not part of the annual panel from {fam.first_year})")
        rows = rows[rows["year"] >= fam.first_year]
    fixed = rows[rows["raw_label"].str.replace(r"\s+", "", regex=True) != rows["region_zh"]]
    for raw, zh in sorted(set(zip(fixed["raw_label"].str.replace(r"\s+", "", regex=True), fixed["region_zh"]))):
        n = int((fixed["region_zh"] == zh).sum())
        log.append(f"label {raw} -> {zh} ({n} rows)")
        rows.loc[fixed.index[fixed["region_zh"] == zh], "note"] = f"province label {raw} in source, read as {zh}"
    rows = rows[~rows["region_zh"].isin(NOT_PROVINCES)]
    unknown = sorted(set(rows["region_zh"]) - set(PROVINCES))
    if unknown:
        raise ValueError(f"{fam.table}.rda, item {fam.item}: unknown province labels {unknown}")
    wrong_unit = rows["units"].astype(str) != fam.unit
    for year in sorted(rows.loc[wrong_unit, "year"].unique()):
        unit = rows.loc[wrong_unit & (rows["year"] == year), "units"].iloc[0]
        log.append(f"unit {unit} in {year} relabelled {fam.unit} (other years {fam.unit}; magnitudes match)")
    rows.loc[wrong_unit, "note"] = rows.loc[wrong_unit, "note"].where(rows.loc[wrong_unit, "note"] == "", "; ") + \
        rows.loc[wrong_unit, "units"].astype(str).map(lambda u: f"source labels this year's unit {u}; relabelled {fam.unit}")
    rows["note"] = rows["note"].str.lstrip("; ")
    bad = rows["value"].isna() | (rows["value"] <= 0)
    if fam.type == "share":
        bad |= rows["value"] >= 100
    for r in rows[bad].itertuples():
        log.append(f"dropped {r.region_zh} {r.year}: value {r.value} (missing, zero or negative)")
    rows = rows[~bad]
    dup = rows.duplicated(["region_zh", "year"], keep=False)
    if dup.any():
        for (zh, year), grp in rows[dup].groupby(["region_zh", "year"]):
            if grp["value"].nunique() > 1:
                raise ValueError(f"{fam.table}.rda, item {fam.item}: {zh} {year} has conflicting values "
                                 f"{grp['value'].tolist()} (labels {grp['raw_label'].tolist()})")
            log.append(f"duplicate {zh} {year} (labels {grp['raw_label'].tolist()}, same value) kept once")
        rows = rows.drop_duplicates(["region_zh", "year"], keep="first")
    span = set(rows["year"])
    absent = sorted(set(range(min(span), max(span) + 1)) - span)
    if absent:
        log.append(f"years {absent} absent from the table for every province")
    for zh, grp in rows.groupby("region_zh"):
        gap = sorted(span - set(grp["year"]))
        if gap:
            log.append(f"gap: {zh} has no usable value in {gap}")
    return rows.sort_values(["region_zh", "year"]), log


def mark_breaks(frame: pd.DataFrame, kind: str) -> tuple[pd.Series, pd.DataFrame]:
    """Status per row ('observed'/'break') and a table of breaks and spikes, by the documented rule."""
    frame = frame.sort_values(["region_zh", "year"])
    by_region = frame["region_zh"]
    z = pd.Series(working_scale(frame["value"].to_numpy(float), kind), index=frame.index)
    step = z.groupby(by_region).diff()
    step[frame["year"].groupby(by_region).diff() != 1] = np.nan  # only consecutive years
    # Two-way robust residual: minus the series' own median step (its trend) and minus
    # the year's common shock (year median minus family median).
    dev = step - step.groupby(by_region).transform("median")
    dev = dev - dev.groupby(frame["year"]).transform("median")
    sd = 1.4826 * (dev - dev.median()).abs().median()
    nxt = dev.groupby(by_region).shift(-1)
    prev_value = frame["value"].groupby(by_region).shift(1)
    level_ok = (kind == "share") | (np.minimum(prev_value, frame["value"]) >= MIN_LEVEL)
    jump = (dev.abs() > BREAK_K * sd) & (dev.abs() >= MIN_JUMP) & level_ok
    reverted = ((np.sign(nxt) == -np.sign(dev)) & (nxt.abs() >= REVERT_SHARE * dev.abs())).fillna(False)
    is_break, is_spike = jump & ~reverted, jump & reverted
    status = pd.Series("observed", index=frame.index).mask(is_break, "break")
    cols = ["region_zh", "year", "value"]
    events = pd.concat([
        frame.loc[mask, cols].assign(log_change=step[mask], deviation=dev[mask], robust_z=(dev / sd)[mask], kind=kind_)
        for mask, kind_ in ((is_break, "break"), (is_spike, "spike (reverted next year, not marked)"))])
    return status, events


def check_quote(fam: Family, man_dir: Path) -> str:
    """Confirm the family's quote is verbatim (whitespace aside) in the repo's man/<table>.Rd."""
    rd = man_dir / f"{fam.table}.Rd"
    if not rd.exists():
        return f"{fam.family}: quote not checked ({rd} absent)"
    if re.sub(r"\s+", "", fam.quote) not in re.sub(r"\s+", "", rd.read_text(encoding="utf-8")):
        raise ValueError(f"{rd}: the quote of family {fam.family} is not in this file: {fam.quote!r}")
    return f"{fam.family}: quote found in {rd.name}"


def build(rda_dir: Path) -> tuple[pd.DataFrame, list[str], pd.DataFrame]:
    """The reference table, the cleaning log and the list of breaks and spikes.

    When the repo's man/ folder sits beside rda_dir (data/ and man/ extracted together),
    every quote is checked against it.
    """
    tables: dict[str, pd.DataFrame] = {}
    out, log, events = [], [], []
    for fam in FAMILIES:
        log.append(check_quote(fam, rda_dir.parent / "man"))
        table = tables.setdefault(fam.table, read_table(rda_dir, fam.table))
        rows, fam_log = family_rows(fam, table)
        log += [f"{fam.family}: {line}" for line in fam_log]
        status, found = mark_breaks(rows, fam.type)
        events.append(found.assign(family=fam.family))
        rows = rows.assign(status=status)
        brk = rows["status"] == "break"
        rows.loc[brk, "note"] = (rows.loc[brk, "note"] + "; ").str.lstrip("; ") + \
            "break: change from previous year exceeds the break rule (data/README.md); exclude windows straddling it"
        region = rows["region_zh"].map(PROVINCES)
        out.append(pd.DataFrame({
            "series_id": "techme." + fam.family + "." + region, "family": fam.family, "type": fam.type,
            "region": region, "region_zh": rows["region_zh"], "level": "province", "year": rows["year"],
            "value": rows["value"], "unit": fam.unit, "status": rows["status"],
            "source": f"{REPO} data/{fam.table}.rda (MIT), item {fam.item}, from {fam.book}",
            "quote": fam.quote, "note": rows["note"]}))
    frame = pd.concat(out, ignore_index=True)
    assert set(frame["type"]) <= set(TYPES)
    return frame[COLUMNS], log, pd.concat(events, ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: RDA_DIR [--out CSV] [--stats]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rda_dir", type=Path, help="folder holding the techme data/*.rda files")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "reference_growth.csv")
    parser.add_argument("--stats", action="store_true", help="print the growth summary table (Markdown)")
    args = parser.parse_args(argv)
    frame, log, events = build(args.rda_dir)
    frame.to_csv(args.out, index=False, float_format="%.6g")
    print(f"wrote {len(frame)} rows, {frame['series_id'].nunique()} series to {args.out}")
    for line in log:
        print("  " + line)
    print(events.sort_values(["family", "region_zh", "year"]).to_string(index=False))
    if args.stats:
        from reference_stats import events_markdown, growth_summary, to_markdown  # same folder

        print(to_markdown(growth_summary(frame)))
        print("\nBreaks:\n" + events_markdown(events, "break"))
        print("\nSpikes:\n" + events_markdown(events, "spike"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
