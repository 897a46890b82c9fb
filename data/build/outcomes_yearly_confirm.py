"""Turn confirmed yearly candidates into data/outcomes_yearly.csv.

Reads data/build/outcomes_yearly_candidates.csv (from outcomes_yearly.py) and the person's
decisions in data/build/outcomes_yearly_decisions.csv (cand_id, decision, set, note):
decision is accept or reject; `set` holds overrides such as `target_value=5;comparator=<=`.
Candidates without a decision get the automatic screen below; every automatic reject
carries its reason, and `--rejects` prints the counts (the README cites them).

    python data/build/outcomes_yearly_confirm.py [--rejects]
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
from pathlib import Path

from outcomes_yearly import norm

HERE = Path(__file__).parent
DATA = HERE.parent
COMMIT = "fc1a2f67a589763dc905aaa90f2b1ba356bbccde"
COLUMNS = ["row_id", "region", "region_zh", "level", "plan_kind", "indicator", "indicator_key",
           "type", "unit", "per_year", "base_year", "base_value", "target_year", "target_value",
           "comparator", "approx", "strive", "outcome_year", "outcome_value", "met",
           "target_file", "quote_target", "base_file", "quote_base", "outcome_file",
           "quote_outcome", "corpus_commit", "note"]
CEILING = {"cpi", "surveyed_unemployment_rate", "urban_unemployment_rate",
           "energy_intensity_decline"}
FIVE_YEAR = r"十一五|十二五|十三五|十四五|五年|比.{0,8}末"
SUBSCOPE = r"剔除|扣除|不含|市外|工业固定|来源于|辖区|民间|分别|项目|跨境|加工贸易|一般贸易|对俄|对日|新三样|高新技术|集装箱"
def met(outcome: float, comparator: str, target: float) -> bool:
    """The comparator applied strictly."""
    return {">=": outcome >= target, "<=": outcome <= target, "=": outcome == target}[comparator]


def screen(c: dict) -> str:
    """Reason to reject a candidate automatically, or '' to keep it for review."""
    y = int(c["year"])
    tq, oq = c["t_quote"].replace("规模以上", "规上"), c["o_quote"].replace("规模以上", "规上")
    if re.search(r"预计|预测|有望|初步|预期", oq) or re.search(r"预计|预测|有望|估计", c["o_pre"]):
        return "outcome_expected"
    if re.search(r"预计|预测", tq):
        return "target_not_in_target_paragraph"
    ov = c["o_v"].lstrip("-").rstrip("0").rstrip(".")
    if re.search(re.escape(ov) + r"(?:\.0+)?(?:%|万人|万|亿斤|万吨)?(?:以内|以下|以上|左右以内)", oq) or \
            re.search(r"控制在" + re.escape(ov), oq):
        return "outcome_is_a_bound"
    if re.search(r"其中[^。]{0,16}(?:开发区|新区|园区|高新区|试验区|港区|县)", c["o_pre"][-40:]):
        return "outcome_basis_differs"
    if re.search(FIVE_YEAR, c["o_pre"] + oq):
        return "outcome_in_a_five_year_comparison"
    if re.search(r"连年|每年|累计|五年", oq) or re.search(r"(?:超过|突破|扩大到|提高到|超)\s*" + re.escape(ov), oq) \
            or re.search(re.escape(ov) + r"(?:\.0+)?%?(?:万人)?以上", oq):
        return "outcome_not_a_point_value"
    if re.search(SUBSCOPE, oq.replace("分别", "") if int(c["o_list"]) else oq) or \
            re.search(r"500万|项目|剔除|扣除", tq) != re.search(r"500万|项目|剔除|扣除", oq):
        return "outcome_basis_differs"
    tv_, ov_ = float(c["t_v"]), float(c["o_v"])
    if c["key"] == "urban_new_jobs" and not 0.4 <= ov_ / tv_ <= 2.0:
        return "outcome_other_scope_or_cumulative"
    if c["key"] != "urban_new_jobs" and abs(ov_ - tv_) > 20:
        return "outcome_other_scope_or_cumulative"
    if norm(c["t_ind"]) != norm(c["o_ind"]):
        return "indicator_scope_differs"
    if c["t_unit"] != c["o_unit"]:
        return "unit_differs"
    if ("实际" in tq) != ("实际" in oq):
        return "real_vs_nominal"
    years = {int(v) for v in re.findall(r"(20\d\d)年", oq)}
    if years - {y}:
        return "outcome_other_year"
    if {int(v) for v in re.findall(r"(20\d\d)年", tq)} - {y}:
        return "target_other_year"
    if re.search(r"同比|比上年", tq) is None and "同口径" in oq:
        return ""
    return ""


def build_row(c: dict, keys: dict, over: dict, note: list[str]) -> dict:
    y, key = int(c["year"]), c["key"]
    tq = c["t_quote"]
    tv = float(over.get("target_value", c["t_v"]))
    ov = float(over.get("outcome_value", c["o_v"]))
    comp = over.get("comparator", "<=" if key in CEILING else ">=")
    if c["t_v2"] and "target_value" not in over:
        note.append(f"target printed as a range {abs(float(c['t_v']))}–{abs(float(c['t_v2']))}; "
                    + ("the lower end" if comp == ">=" else "the upper end") + " is used")
        if comp == "<=":
            tv = float(c["t_v2"]) if key != "energy_intensity_decline" else float(c["t_v"])
    approx = over.get("approx", str(bool(re.search(r"左右|约|上下", tq))).lower())
    strive = over.get("strive", str(bool(re.search(r"力争|争取", tq))).lower())
    base_v, base_q, base_y = c["b_v"], c["b_quote"], ""
    if base_q and (c["key"] == "urban_new_jobs" and not 0.5 <= float(base_v) / float(c["t_v"]) <= 2
                   or c["key"] != "urban_new_jobs" and abs(float(base_v) - float(c["t_v"])) > 20
                   or re.search(r"超过|超\d|突破|连年|每年|扩大到|累计|五年|以上|以内", base_q.replace("规模以上", ""))):
        base_v, base_q = "", ""
    if base_q and (norm(c["b_ind"]) != norm(c["t_ind"]) or re.search(SUBSCOPE, base_q)
                   or re.search(FIVE_YEAR, c["b_pre"])
                   or ("美元" in base_q) != ("美元" in c["o_quote"])):
        base_v, base_q = "", ""
    if base_q and ({int(v) for v in re.findall(r"(20\d\d)年", base_q)} - {y - 1}):
        base_v, base_q = "", ""
    if base_q and re.search(r"预计|有望", base_q + c["b_pre"]):
        note.append("base is the report's 预计 (preliminary) figure")
    if base_v:
        base_y = str(y - 1)
    base_v = over.get("base_value", base_v)
    base_q = over.get("quote_base", base_q)
    if int(c["t_para"]):
        note.append("target stated in the work-plan paragraph after the main-target paragraph")
    o_num = f"{abs(float(c['o_v'])):g}"
    if re.search(r"约\s*" + re.escape(o_num) + "|" + re.escape(o_num) + r"(?:\.0+)?%?(?:万人|亿斤|万吨)?左右", c["o_quote"]):
        note.append("outcome printed as approximate (左右/约); the printed number is used")
    first_num, strive_at = re.search(r"\d", tq), re.search(r"力争|争取", tq)
    if first_num and strive_at and first_num.start() < strive_at.start():
        note.append("a higher 力争/争取 aim follows the first number; the first number is the target")
    if "同口径" in c["o_quote"]:
        note.append("outcome growth is on a comparable basis (同口径)")
    k = keys[key]
    return {
        "row_id": f"{c['region']}.y{y}.{key}", "region": c["region"], "region_zh": c["region_zh"],
        "level": c["level"], "plan_kind": "yearly", "indicator": over.get("indicator", c["t_ind"]),
        "indicator_key": key, "type": k["type"], "unit": "万人" if c["t_unit"] == "万" else c["t_unit"], "per_year": "true",
        "base_year": base_y if base_v != "" else "", "base_value": base_v,
        "target_year": y, "target_value": tv, "comparator": comp, "approx": approx, "strive": strive,
        "outcome_year": y, "outcome_value": ov, "met": str(met(ov, comp, tv)).lower(),
        "target_file": c["target_file"], "quote_target": over.get("quote_target", tq),
        "base_file": c["target_file"] if base_q else "", "quote_base": base_q if base_v != "" else "",
        "outcome_file": c["outcome_file"], "quote_outcome": over.get("quote_outcome", c["o_quote"]),
        "corpus_commit": COMMIT, "note": "; ".join(note),
    }


def summary(rows: list[dict]) -> None:
    """Rows and misses by level, type, indicator key and target year (markdown table lines)."""
    for col in ("level", "type", "indicator_key", "target_year"):
        n = collections.Counter(str(r[col]) for r in rows)
        m = collections.Counter(str(r[col]) for r in rows if r["met"] == "false")
        print(f"\n| {col} | rows | misses |\n|---|---:|---:|")
        for k in sorted(n):
            print(f"| {k} | {n[k]} | {m[k]} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rejects", action="store_true", help="print reject reasons and counts")
    ap.add_argument("--summary", action="store_true", help="print counts by level, type, key and year")
    ap.add_argument("--pending", action="store_true", help="print screened-in candidates without a decision")
    a = ap.parse_args()
    cands = list(csv.DictReader(open(HERE / "outcomes_yearly_candidates.csv", encoding="utf-8")))
    dec = {d["cand_id"]: d for d in csv.DictReader(open(HERE / "outcomes_yearly_decisions.csv", encoding="utf-8"))}
    keys = {k["key"]: k for k in csv.DictReader(open(DATA / "indicator_keys.csv", encoding="utf-8"))}
    rows, reasons = [], collections.Counter()
    for c in cands:
        cid = f"{c['region']}.y{c['year']}.{c['key']}"
        d = dec.get(cid)
        auto = screen(c)
        if auto and not (d and d["decision"] == "accept_despite_screen"):
            reasons["auto:" + auto] += 1
            continue
        if d is None:
            reasons["undecided"] += 1
            if a.pending:
                print(cid, "|T", c["t_v"], c["t_v2"], c["t_quote"][-70:], "|O", c["o_v"], c["o_quote"][-70:], "|B", c["b_v"])
            continue
        if d["decision"] not in ("accept", "accept_despite_screen"):
            reasons["manual:" + (d["note"] or "rejected")] += 1
            continue
        over = dict(kv.split("=", 1) for kv in d["set"].split(";") if kv) if d["set"] else {}
        rows.append(build_row(c, keys, over, [d["note"]] if d["note"] else []))
    rows.sort(key=lambda r: r["row_id"])
    with open(DATA / "outcomes_yearly.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} rows, {sum(r['met'] == 'false' for r in rows)} misses, "
          f"{len({r['region'] for r in rows})} regions")
    if a.summary:
        summary(rows)
    if a.rejects:
        for k, v in reasons.most_common():
            print(f"{v:5d} {k}")


if __name__ == "__main__":
    main()
