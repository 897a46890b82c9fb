"""Build the 31-province sweep example from data/reference_growth.csv.

    python data/examples/build_provinces.py [REFERENCE_CSV] [OUT_DIR]

Two indicators per province in the loader's layout (indicators.csv, observations.csv):
R&D personnel full-time equivalent and valid invention patents, history from
``data/reference_growth.csv`` (huhuaping/techme, 《中国科技统计年鉴》) and ILLUSTRATIVE,
FICTIONAL 2028 targets set by one stated rule (see ``TARGET_RULE``). No plan document
gives these targets: they exist so that ``talentsim sweep`` has a real-sized example.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
FIRST_YEAR, BASE_YEAR, TARGET_YEAR = 2014, 2023, 2028

#: family -> (slug, unit, divisor into that unit, category, type, channel, name_zh, name_en, target growth %/yr)
FAMILIES = {
    "rd_fte": ("rd_fte", "万人", 1e4, "人才规模", "people", "talent_total", "R&D人员全时当量（万人年/年，示例）",
               "R&D personnel, full-time equivalent (10k person-years a year; example)", 10.0),
    "invention_patents_valid": ("invention_patents_valid", "件", 1.0, "人才载体与效能", "count", "none",
                                "有效发明专利数（件，示例）", "Valid invention patents (example)", 18.0),
}
TARGET_RULE = ("ILLUSTRATIVE, FICTIONAL TARGET (no plan document states it): 2028 target = 2023 value x "
               "(1 + r)^5, r = the median of the 31 provinces' 2018-2023 annual growth of this series rounded "
               "down to a whole percent ({r:g} %/yr), rounded to 3 significant figures.")


def _sig3(x: float) -> float:
    return float(f"{x:.3g}")


def build(ref_csv: Path, out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    ref = pd.read_csv(ref_csv)
    ind_rows, obs_rows = [], []
    for fam, (slug, unit, div, category, typ, channel, name_zh, name_en, rate) in FAMILIES.items():
        panel = ref[ref["family"] == fam]
        levels = panel.pivot(index="region", columns="year", values="value")
        median = float(np.median(((levels[BASE_YEAR] / levels[BASE_YEAR - 5]) ** 0.2 - 1) * 100))
        if not rate <= median < rate + 1:
            raise SystemExit(f"{fam}: the 2018-2023 median growth is {median:.2f} %/yr; update the rate {rate:g}")
        for region, rows in panel.groupby("region", sort=True):
            rows = rows.sort_values("year")
            breaks = rows.loc[rows["status"] == "break", "year"]
            start = max(FIRST_YEAR, int(breaks.max()) if len(breaks) else FIRST_YEAR)   # after the last break
            hist = rows[(rows["year"] >= start) & (rows["year"] <= BASE_YEAR)]
            base = hist[hist["year"] == BASE_YEAR]
            if base.empty:
                raise SystemExit(f"{fam}/{region}: no {BASE_YEAR} value")
            b = base.iloc[0]
            iid = f"{region}.{slug}"
            target = _sig3(b["value"] / div * (1 + rate / 100) ** (TARGET_YEAR - BASE_YEAR))
            ind_rows.append({
                "id": iid, "region": region, "name_zh": f"{b['region_zh']}：{name_zh}", "name_en": name_en,
                "unit": unit, "category": category, "type": typ, "channel": channel, "measure": "level",
                "higher_is_better": "true",
                "target_year": TARGET_YEAR, "target_value": target, "target_op": ">=", "target_status": "stated",
                "source": f"data/reference_growth.csv {b['series_id']} ({b['source']})", "quote": b["quote"],
                "note": TARGET_RULE.format(r=rate) + (f" History from {start} (the series breaks in {start})."
                                                      if start > FIRST_YEAR else ""),
            })
            for _, r in hist.iterrows():
                derived = div != 1.0
                obs_rows.append({
                    "id": iid, "year": int(r["year"]), "value": round(r["value"] / div, 4),
                    "status": "derived" if derived else "observed", "preferred": "true", "qualifier": "",
                    "source": f"data/reference_growth.csv {r['series_id']} ({r['source']})", "quote": r["quote"],
                    "note": (f"{r['value']:g} 人年 / 10^4 = 万人 full-time equivalent (one person-year per year "
                             "is one full-time person)" if derived else ""),
                })
    ind, obs = pd.DataFrame(ind_rows), pd.DataFrame(obs_rows)
    out.mkdir(parents=True, exist_ok=True)
    ind.to_csv(out / "indicators.csv", index=False)
    obs.to_csv(out / "observations.csv", index=False)
    return ind, obs


if __name__ == "__main__":
    ref_csv = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "reference_growth.csv"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "data" / "examples" / "provinces"
    ind, obs = build(ref_csv, out)
    print(f"{out}: {len(ind)} indicators in {ind['region'].nunique()} regions, {len(obs)} observations")
