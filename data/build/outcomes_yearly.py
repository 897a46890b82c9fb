"""Propose yearly target -> outcome candidates from the lawtext/gov work reports.

For each region, report Y states the targets for year Y (the 主要预期目标 paragraph) and
reviews year Y-1 (the base); report Y+1 reviews year Y (the outcome). This script reads
the bare git mirror, pairs the reports and writes one candidate row per indicator key
found in all of target paragraph and next report's review. A person confirms every
candidate (data/build/outcomes_yearly_confirm.py applies the decisions) before a row
reaches data/outcomes_yearly.csv.

    python data/build/outcomes_yearly.py [--corpus PATH] [--out data/build/outcomes_yearly_candidates.csv]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
from pathlib import Path

COMMIT = "fc1a2f67a589763dc905aaa90f2b1ba356bbccde"
DEFAULT_CORPUS = "/work/.mirror/lawtext+gov/repo"

# Regions (slug, name as printed, level, corpus folder) are data: outcomes_yearly_regions.csv.
# Kept-out regions, and cities inside kept-out provinces, are absent from it on purpose.


def regions() -> list[tuple[str, str, str, str]]:
    """(slug, name_zh, level, folder) for every region the proposer reads."""
    with open(Path(__file__).with_name("outcomes_yearly_regions.csv"), encoding="utf-8") as f:
        return [(r["region"], r["name_zh"], r["level"], r["folder"]) for r in csv.DictReader(f)]


# Never open: the 2026 reports of these folders (kept for the plan-text check).
FORBIDDEN_2026 = {"贵州省", "陕西省", "吉林省", "合肥市", "青岛市"}

GAP = r"[^，。；：:\d%]{0,8}?"
# key -> pattern: group 'ind' is the indicator as printed, 'v' the value, 'v2' a range top,
# 'dir' the verb (增长/下降/上涨 …), 'unit' a unit where the value is not a percentage.
AMOUNT = r"(?:(?:达到?|为|突破|超过)?\d+(?:\.\d+)?(?:万亿|亿|万)?(?:元|美元|吨)?(?:、|，|,)?(?:比上年|同比)?)?"
GROWTH = GAP + AMOUNT + GAP + r"(?P<dir>增长|增速|下降|上涨|涨幅|增幅|降低)(?:目标)?(?:控制在|保持在|为|达到)?" \
    + r"\s*(?P<v>\d+(?:\.\d+)?)%?" + r"(?:\s*(?:-|—|–|~|～|至|到)\s*(?P<v2>\d+(?:\.\d+)?))?%"
KEYS = {
    "gdp_growth": r"(?P<ind>地区生产总值|国内生产总值|生产总值|GDP)" + GROWTH,
    "industrial_value_added_growth": r"(?P<ind>规模以上工业增加值|规上工业增加值|规模工业增加值)" + GROWTH,
    "fixed_investment_growth": r"(?P<ind>(?:全社会|500万元以上|城镇)?固定资产投资)(?:额)?" + GROWTH,
    "retail_sales_growth": r"(?P<ind>社会消费品零售总?额)" + GROWTH,
    "trade_growth": r"(?P<ind>(?:外贸|对外贸易)?进出口(?:总额|总值)?)" + GROWTH,
    "export_growth": r"(?P<ind>(?:外贸)?出口(?:总额|总值)?)" + GROWTH,
    "fiscal_revenue_growth": r"(?P<ind>(?:地方|全口径)?一般(?:公共)?预算收入|地方财政收入|财政总收入|地方级财政收入|全口径财政收入|(?<![方政共级径])财政收入|地方公共财政预算收入|公共财政预算收入)" + GROWTH,
    "disposable_income_growth": r"(?P<ind>(?:全体|城乡|城镇|农村)?(?:常住)?居民人均可支配收入|农民人均纯收入)" + GROWTH,
    "cpi": r"(?P<ind>居民消费价格(?:总水平|指数)?)" + GAP + r"(?P<dir>涨幅|上涨|增长|下降|增幅)?(?:控制在|保持在|为)?\s*(?P<v>\d+(?:\.\d+)?)%",
    "energy_intensity_decline": r"(?P<ind>单位(?:地区)?生产总值能耗|单位GDP能耗|万元(?:地区)?生产总值能耗|万元GDP能耗)" + GROWTH,
    "urban_new_jobs": r"(?P<ind>城镇新增就业(?:人数)?)" + r"[^，。；：:\d]{0,6}?(?P<v>\d+(?:\.\d+)?)(?P<unit>万人|万|人)",
    "surveyed_unemployment_rate": r"(?P<ind>城镇调查失业率)" + r"[^，。；：:\d]{0,6}?(?P<v>\d+(?:\.\d+)?)%",
    "urban_unemployment_rate": r"(?P<ind>城镇登记失业率)" + r"[^，。；：:\d]{0,6}?(?P<v>\d+(?:\.\d+)?)%",
    "rd_intensity": r"(?P<ind>研发经费投入强度|研究与试验发展经费投入强度|研发投入强度|R&D经费投入强度|研究与试验发展经费支出占地区生产总值比重|研发经费支出占地区生产总值比重)" + r"[^，。；：:\d]{0,6}?(?P<v>\d+(?:\.\d+)?)%",
    "urbanisation_rate": r"(?P<ind>(?:常住人口)?城镇化率)" + r"[^，。；：:\d]{0,6}?(?P<v>\d+(?:\.\d+)?)%",
    "grain_output": r"(?P<ind>粮食(?:总)?产量)" + r"[^，。；：:\d]{0,6}?(?P<v>\d+(?:\.\d+)?)(?P<unit>亿斤|万吨|亿公斤)",
}
TARGET_HEAD = re.compile(r"综合考虑各方面(?:的)?因素(?:\*\*)?[，,](?=[^。]{0,20}生产总值增长)|(?:主要预期目标|预期目标|主要预期指标|主要目标|主要指标)(?:\*\*)?(?:建议|安排)?(?:(?:是|为)(?:\*\*)?\s*[:：，,]|(?:\*\*)?\s*[:：])")
CLAUSE_END = "，。；！？;"


def git_show(corpus: str, path: str) -> str | None:
    """Text of PATH at COMMIT in the bare mirror, or None when absent."""
    r = subprocess.run(["git", "--git-dir", corpus, "show", f"{COMMIT}:{path}"],
                       capture_output=True)
    return r.stdout.decode("utf-8") if r.returncode == 0 else None


def list_years(corpus: str, folder: str) -> list[int]:
    """Years YYYY of the YYYY.md reports in a corpus folder."""
    r = subprocess.run(["git", "--git-dir", corpus, "-c", "core.quotepath=off", "ls-tree",
                        "--name-only", f"{COMMIT}:{folder}"], capture_output=True)
    out = r.stdout.decode("utf-8").split()
    return sorted(int(n[:4]) for n in out if re.fullmatch(r"\d{4}\.md", n))


def report_files(corpus: str, folder: str) -> dict[int, str]:
    """Report year -> corpus path, after the documented file-year fixes (gov_report_year_fixes.csv)."""
    fixes = {}
    with open(Path(__file__).with_name("gov_report_year_fixes.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["folder"] == folder:
                fixes[int(r["file_year"])] = int(r["report_year"]) if r["report_year"] else None
    out = {}
    for y in list_years(corpus, folder):
        ry = fixes.get(y, y)
        if ry is not None:
            out[ry] = f"{folder}/{y}.md"
    return out


def paragraphs(text: str) -> list[str]:
    """Non-empty lines with whitespace collapsed."""
    return [re.sub(r"\s+", " ", p).strip() for p in text.splitlines() if p.strip()]


def target_block(paras: list[str], year: int) -> tuple[int, str]:
    """Index and text of the paragraph(s) stating this year's main targets."""
    for i, p in enumerate(paras):
        h = TARGET_HEAD.search(p)
        if h and "%" in p[h.start():] and re.search(KEYS["gdp_growth"], p[h.start():]) \
                and "预计" not in p[h.start():h.start() + 80] and "年均" not in p[h.start():h.start() + 200] \
                and "五年" not in p[h.start():h.start() + 60]:
            block = p[h.start():]
            j = i + 1
            while j < len(paras) and j <= i + 2 and len(block) < 400:
                block += "\n" + paras[j]
                j += 1
            return i, block
    return -1, ""


def clause(text: str, start: int, end: int) -> str:
    """The clause around text[start:end], cut at Chinese punctuation."""
    a = start
    while a > 0 and text[a - 1] not in CLAUSE_END + "\n" and start - a < 60:
        a -= 1
    b = end
    while b < len(text) and text[b] not in CLAUSE_END + "\n" and b - end < 40:
        b += 1
    return text[a:b].strip()


def parse_value(m: re.Match) -> tuple[float, float | None]:
    v = float(m.group("v"))
    gd = m.groupdict()
    v2 = float(gd["v2"]) if gd.get("v2") else None
    if gd.get("dir") in ("下降", "降低") or "负增长" in m.group(0):
        v, v2 = -v, (-v2 if v2 is not None else None)
    return v, v2


BAD_PREFIX = ("单位", "海洋", "万元", "直管区", "人均", "县域", "园区", "新区", "开发区", "数字经济",
              "口岸", "高新区", "出口", "服务", "县", "区")
BAD_BODY = re.compile(r"能耗|比重|占|人均|季度|上半年|1-|1—|前三")


def split_list(text: str, m: re.Match, key: str) -> tuple[float, float | None] | None:
    """Value of this indicator in a 'A、B、C分别增长x%、y%、z%' list, or None."""
    seg_end = text.find("分别", m.start())
    cut = min([i for i in (text.find(c, m.start()) for c in "。；") if i >= 0] + [len(text)])
    if seg_end < 0 or seg_end > cut:
        return None
    a = m.start()
    while a > 0 and text[a - 1] not in "。；：:，":
        a -= 1
    names = re.split(r"、|和|及|与", text[a:seg_end])
    idx = [i for i, n in enumerate(names) if m.group("ind") in n or n and n in m.group("ind")]
    vals = re.findall(r"(\d+(?:\.\d+)?)%?", re.split(r"[，。；]", text[seg_end:])[0])
    if not idx or len(vals) != len(names):
        return None
    v = float(vals[idx[0]])
    return (-v if re.search(r"分别(?:下降|降低)", text[seg_end:seg_end + 6]) else v), None


LIST_VERB = re.compile(r"分别(增长|下降|降低)")


def list_hits(key: str, text: str, skip_avg: bool):
    """Values of KEY inside an 'A、B、C分别增长x%、y%、z%' list, where the gap between
    the first name and its verb is too long for the key's own pattern."""
    for m in LIST_VERB.finditer(text):
        a = max(text.rfind(c, 0, m.start()) for c in "，。；：:\n") + 1
        names = re.split(r"、|和|及|与", text[a:m.start()])
        e = m.end()
        while e < len(text) and text[e] not in "，。；\n":
            e += 1
        vals = re.findall(r"(\d+(?:\.\d+)?)%?", text[m.end():e])
        seg = text[a:e].strip()
        if len(names) < 2 or len(vals) != len(names) or (skip_avg and re.search(r"年均|累计|五年|平均", seg)):
            continue
        for n, v in zip(names, vals):
            h = re.search(KEYS[key], f"{n}增长{v}%")
            if h and h.end("ind") == len(n) and not n[:h.start("ind")].endswith(BAD_PREFIX):
                if key == "disposable_income_growth" and h.group("ind") not in ("居民人均可支配收入", "全体居民人均可支配收入"):
                    continue
                b = max(text.rfind("。", 0, a), text.rfind("\n", 0, a), a - 150)
                yield {"ind": h.group("ind"), "v": float(v) * (1 if m.group(1) == "增长" else -1),
                       "v2": None, "quote": seg, "pre": text[b + 1:a], "unit": "%", "pos": a, "listed": 1}


NORMALISE = re.compile(r"全社会|地方|外贸|对外贸易|总额|总值|全体|指数|总水平|人数|常住人口|规上|规模以上|规模(?=工业)|^地区|^国内")


def norm(ind: str) -> str:
    """Indicator name without wording that does not change its scope. 地方 is kept before
    财政收入 (local revenue differs from 财政收入, which includes the central share)."""
    ind = ind.replace("地方级", "地方")
    if "财政收入" in ind and "一般" not in ind and "公共" not in ind:
        return NORMALISE.sub("", ind.replace("地方", "@")).replace("@", "地方")
    return NORMALISE.sub("", ind)


def find_first(key: str, text: str, skip_avg: bool, want: str | None = None) -> dict | None:
    """First value of KEY in TEXT (ignoring 年均/累计/五年 values when skip_avg), from the key's
    pattern or from a 分别 list; with WANT, the first whose indicator has that scope."""
    hits = sorted([*pattern_hits(key, text, skip_avg), *list_hits(key, text, skip_avg)], key=lambda h: h["pos"])
    same = [h for h in hits if want is not None and norm(h["ind"]) == want]
    return (same or hits or [None])[0]


def pattern_hits(key: str, text: str, skip_avg: bool):
    """Matches of the key's own pattern in TEXT."""
    for m in re.finditer(KEYS[key], text):
        pre = re.split(r"[，。；;\n]", text[max(0, m.start() - 12):m.start()])[-1]
        body = m.group(0)
        if skip_avg and re.search(r"年均|累计|五年|平均", pre + body):
            continue
        if pre.endswith(BAD_PREFIX) or BAD_BODY.search(body[len(m.group("ind")):]) \
                or re.search(r"季度|上半年|前\d+个?月|\d+[-—～~]\d+月|月份", pre[-8:]):
            continue
        if key == "disposable_income_growth" and m.group("ind") not in ("居民人均可支配收入", "全体居民人均可支配收入"):
            continue
        if key == "export_growth" and text[max(0, m.start() - 1):m.start()] == "进":
            continue
        v, v2 = parse_value(m)
        q = clause(text, m.start(), m.end())
        lst = split_list(text, m, key) if "分别" in q else None
        if lst:
            v, v2 = lst
            a = text.rfind("：", 0, m.start()) + 1 if "：" in text[max(0, m.start() - 80):m.start()] else m.start()
            q = clause(text, max(a, m.start() - 80), text.find("分别", m.start()) + 2)
            b = text.find("分别", m.start())
            e = b
            while e < len(text) and text[e] not in "，。；":
                e += 1
            q = text[text.rfind("，", 0, m.start()) + 1 if text.rfind("，", 0, m.start()) > m.start() - 80 else m.start():e].strip()
        if "\n" in q:
            q = q.split("\n")[-1] if m.start() > text.rfind("\n", 0, m.end()) else q
        a = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start()), m.start() - 150)
        yield {"ind": m.group("ind"), "v": v, "v2": v2, "quote": q, "pre": text[a + 1:m.start()],
               "unit": (m.groupdict().get("unit") or "%"), "pos": m.start(), "listed": int(bool(lst))}


def review_text(paras: list[str], tidx: int) -> str:
    """Paragraphs before the target block: the review of the previous year."""
    return "\n".join(paras[:tidx]) if tidx > 0 else "\n".join(paras[: len(paras) // 3])


def candidates_for(corpus: str, slug: str, zh: str, level: str, folder: str) -> list[dict]:
    files = report_files(corpus, folder)
    years = sorted(files)
    rows = []
    cache: dict[int, tuple[list[str], int, str]] = {}

    def load(y: int):
        if y not in cache:
            if files[y].endswith("/2026.md") and folder.split("/")[-1] in FORBIDDEN_2026:
                cache[y] = None
            else:
                t = git_show(corpus, files[y])
                if t is None:
                    cache[y] = None
                else:
                    ps = paragraphs(t)
                    i, blk = target_block(ps, y)
                    cache[y] = (ps, i, blk)
        return cache[y]

    for y in years:
        if not 2012 <= y <= 2025 or (y + 1) not in years:
            continue
        cur, nxt = load(y), load(y + 1)
        if not cur or not nxt or cur[1] < 0:
            continue
        ps, tidx, blk = cur
        base_txt = review_text(ps, tidx)
        out_txt = review_text(nxt[0], nxt[1])
        for key in KEYS:
            if slug == "china" and key == "rd_intensity":
                continue
            t = find_first(key, blk, skip_avg=True)
            if not t:
                continue
            o = find_first(key, out_txt, skip_avg=True, want=norm(t["ind"]))
            if not o:
                continue
            b = find_first(key, base_txt, skip_avg=True, want=norm(t["ind"]))
            rows.append({
                "region": slug, "region_zh": zh, "level": level, "key": key, "year": y,
                "t_para": blk[:blk.find(t["quote"])].count("\n"),
                "t_pre": t["pre"],
                "t_ind": t["ind"], "t_v": t["v"], "t_v2": t["v2"] or "", "t_unit": t["unit"], "t_quote": t["quote"],
                "b_v": b["v"] if b else "", "b_quote": b["quote"] if b else "",
                "b_pre": b["pre"] if b else "", "b_ind": b["ind"] if b else "",
                "o_ind": o["ind"], "o_v": o["v"], "o_unit": o["unit"], "o_quote": o["quote"], "o_pre": o["pre"], "o_list": o["listed"],
                "target_file": files[y], "outcome_file": files[y + 1],
            })
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default=os.environ.get("TALENTSIM_GOV_CORPUS", DEFAULT_CORPUS))
    ap.add_argument("--out", default=str(Path(__file__).with_name("outcomes_yearly_candidates.csv")))
    a = ap.parse_args()
    rows = []
    for slug, zh, level, folder in regions():
        rows += candidates_for(a.corpus, slug, zh, level, folder)
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} candidates -> {a.out}")


if __name__ == "__main__":
    main()
